package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hvst.simulator.kube.Writes;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's graceful node shutdown: when a node goes down (the OS upgrade reboots it), the pods
 * still on it are terminated and end Failed. A node that only stopped reporting keeps its pods. VMs
 * still there die with their launcher pods; DaemonSet and static pods come back with the node.
 */
public final class Kubelet {

  static final String SHUTDOWN_MESSAGE =
      "Pod was terminated in response to imminent node shutdown.";

  private final Informers informers;
  private final Writes writes;

  public Kubelet(Informers informers, Writes writes) {
    this.informers = informers;
    this.writes = writes;
  }

  public void start() {
    Informers.listen(
        informers.nodes(),
        new Informers.Listener<>() {
          @Override
          public void updated(Node before, Node after) {
            if (Placement.ready(before) && shuttingDown(after)) {
              shutDown(after.getMetadata().getName());
            }
          }
        });
  }

  /**
   * The kubelet reports its own shutdown (Ready False); a node whose kubelet just stopped posting
   * (Ready Unknown) still runs its pods.
   */
  private static boolean shuttingDown(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "False".equals(c.getStatus()));
  }

  private void shutDown(String node) {
    for (Pod pod : informers.pods().getStore().list()) {
      if (pod.getSpec() != null
          && node.equals(pod.getSpec().getNodeName())
          && !terminal(pod)
          && terminatedOnShutdown(pod)) {
        writes.merge(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .endMetadata()
                .build(),
            Map.of(
                "status",
                Writes.map(
                    "phase",
                    "Failed",
                    "reason",
                    "Terminated",
                    "message",
                    SHUTDOWN_MESSAGE,
                    "conditions",
                    List.of(Map.of("type", "Ready", "status", "False")))));
      }
    }
  }

  /** Pending pods die with the node too: the kubelet may not have reported them Running yet. */
  private static boolean terminal(Pod pod) {
    String phase = pod.getStatus() == null ? "" : pod.getStatus().getPhase();
    return "Failed".equals(phase) || "Succeeded".equals(phase);
  }

  private static boolean terminatedOnShutdown(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    boolean daemon =
        owners != null && owners.stream().anyMatch(o -> "DaemonSet".equals(o.getKind()));
    boolean mirror =
        pod.getMetadata().getAnnotations() != null
            && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
    return !daemon && !mirror;
  }
}
