package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.simulator.kube.Names;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.seed.SystemPods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ReplicaSet controller and scheduler for Deployment pods: a pod that is evicted, deleted or
 * failed is replaced on another usable node; the replacement becomes Ready after a start-up time
 * (until then a PodDisruptionBudget over the Deployment may allow no disruption).
 */
public final class ReplicaSetController {

  private final Informers informers;
  private final KubernetesClient client;
  private final Writes writes;
  private final Names names;
  private final ScheduledExecutorService timers;
  private final Duration startUp;
  private final Set<String> replaced = ConcurrentHashMap.newKeySet();

  public ReplicaSetController(
      Informers informers,
      Writes writes,
      Names names,
      ScheduledExecutorService timers,
      Duration startUp) {
    this.informers = informers;
    this.client = writes.client();
    this.writes = writes;
    this.names = names;
    this.timers = timers;
    this.startUp = startUp;
  }

  public void start() {
    Informers.listen(
        informers.pods(),
        new Informers.Listener<>() {
          @Override
          public void updated(Pod before, Pod after) {
            if ("Failed".equals(after.getStatus().getPhase())) {
              replace(after, true);
            }
          }

          @Override
          public void deleted(Pod pod) {
            replace(pod, false);
          }
        });
  }

  /** After {@code delay}, the pod turns Ready (a replica finishing its start-up). */
  public void readyAfter(String namespace, String pod, Duration delay) {
    ScheduledFuture<?> unused =
        timers.schedule(() -> markReady(namespace, pod), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void replace(Pod pod, boolean deleteFailed) {
    Optional<String> replicaSet = replicaSet(pod);
    if (replicaSet.isEmpty() || !replaced.add(pod.getMetadata().getUid())) {
      return;
    }
    String namespace = pod.getMetadata().getNamespace();
    ScheduledFuture<?> unused =
        timers.schedule(
            () -> {
              if (deleteFailed) {
                writes.deletePod(namespace, pod.getMetadata().getName());
              }
              Pod fresh =
                  SystemPods.replicaSetPod(
                      namespace,
                      replicaSet.get(),
                      node(pod).orElse(null),
                      names.suffix(),
                      pod.getMetadata().getLabels(),
                      false);
              client.pods().inNamespace(namespace).resource(fresh).create();
              readyAfter(namespace, fresh.getMetadata().getName(), startUp);
            },
            0,
            TimeUnit.MILLISECONDS);
  }

  private void markReady(String namespace, String pod) {
    Optional<Pod> current = Informers.get(informers.pods(), namespace, pod);
    if (current.isEmpty() || current.get().getSpec().getNodeName() == null) {
      Optional<Node> node = usableNode(null);
      if (current.isEmpty() || node.isEmpty()) {
        if (current.isPresent()) {
          readyAfter(namespace, pod, startUp);
        }
        return;
      }
      writes.merge(
          skeleton(namespace, pod),
          Map.of("spec", Map.of("nodeName", node.get().getMetadata().getName())));
    }
    writes.merge(
        skeleton(namespace, pod),
        Map.of(
            "status",
            Map.of(
                "phase",
                "Running",
                "conditions",
                List.of(Map.of("type", "Ready", "status", "True")))));
  }

  private Optional<String> node(Pod gone) {
    return usableNode(gone.getSpec().getNodeName()).map(n -> n.getMetadata().getName());
  }

  private Optional<Node> usableNode(String avoid) {
    return informers.nodes().getStore().list().stream()
        .filter(Placement::usable)
        .filter(n -> !n.getMetadata().getName().equals(avoid))
        .min(java.util.Comparator.comparing(n -> n.getMetadata().getName()));
  }

  private static Optional<String> replicaSet(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners == null
        ? Optional.empty()
        : owners.stream()
            .filter(o -> "ReplicaSet".equals(o.getKind()))
            .map(OwnerReference::getName)
            .findFirst();
  }

  private static Pod skeleton(String namespace, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .build();
  }
}
