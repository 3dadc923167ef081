package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/** The other pods a Harvester node runs: DaemonSet pods, Deployment pods, static (mirror) pods. */
public final class SystemPods {

  public static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  private SystemPods() {}

  /** A pod of a DaemonSet (virt-handler, longhorn-manager, ...) on {@code node}. */
  public static Pod daemonSetPod(
      String namespace, String daemonSet, String node, String suffix, Map<String, String> labels) {
    return base(namespace, daemonSet + "-" + suffix, node, labels, "250m", "256Mi")
        .editMetadata()
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("DaemonSet")
                .withName(daemonSet)
                .withUid("daemonset-" + namespace + "-" + daemonSet)
                .withController(true)
                .build())
        .endMetadata()
        .build();
  }

  /**
   * A pod of a Deployment's ReplicaSet {@code replicaSet}; {@code ready} is its Ready condition.
   */
  public static Pod replicaSetPod(
      String namespace,
      String replicaSet,
      String node,
      String suffix,
      Map<String, String> labels,
      boolean ready) {
    Pod pod =
        base(namespace, replicaSet + "-" + suffix, node, labels, "100m", "128Mi")
            .editMetadata()
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName(replicaSet)
                    .withUid("replicaset-" + namespace + "-" + replicaSet)
                    .withController(true)
                    .build())
            .endMetadata()
            .build();
    pod.getStatus().setPhase(node == null ? "Pending" : "Running");
    pod.getStatus().getConditions().get(0).setStatus(ready ? "True" : "False");
    return pod;
  }

  /** The API server's mirror of a static pod the kubelet runs from a manifest. */
  public static Pod mirrorPod(String namespace, String component, String node) {
    Map<String, String> labels = Map.of("component", component, "tier", "control-plane");
    return base(namespace, component + "-" + node, node, labels, "250m", "512Mi")
        .editMetadata()
        .withAnnotations(Map.of(MIRROR_ANNOTATION, "mirror-" + component + "-" + node))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Node")
                .withName(node)
                .withUid("node-" + node)
                .withController(true)
                .build())
        .endMetadata()
        .build();
  }

  private static PodBuilder base(
      String namespace,
      String name,
      String node,
      Map<String, String> labels,
      String cpu,
      String memory) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(new LinkedHashMap<>(labels))
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("main")
        .withImage("rancher/harvester:v1.4.2")
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
        .endStatus();
  }
}
