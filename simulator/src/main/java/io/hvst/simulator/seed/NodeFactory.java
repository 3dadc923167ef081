package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds Node objects as a fresh Harvester node reports itself. */
public final class NodeFactory {

  public static final String SCHEDULABLE_LABEL = "kubevirt.io/schedulable";

  private NodeFactory() {}

  public static Node node(NodePlan plan, String version, Instant now) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(plan.name())
        .withLabels(labels(plan))
        .withAnnotations(Map.of("harvesterhci.io/managed", "true"))
        .endMetadata()
        .withNewSpec()
        .withUnschedulable(plan.cordoned() ? Boolean.TRUE : null)
        .withTaints(taints(plan))
        .withProviderID("harvester://" + plan.name())
        .endSpec()
        .withNewStatus()
        .withConditions(ready(true, now))
        .withNewNodeInfo()
        .withOsImage(osImage(version))
        .withKernelVersion("5.14.21-150500.55.68-default")
        .withKubeletVersion("v1.29.9+rke2r1")
        .withContainerRuntimeVersion("containerd://1.7.21-k3s2")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .endNodeInfo()
        .withCapacity(resources())
        .withAllocatable(resources())
        .endStatus()
        .build();
  }

  /** What the node's labels are right after an OS install: the plan's, KubeVirt's, the roles. */
  public static Map<String, String> labels(NodePlan plan) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("kubernetes.io/hostname", plan.name());
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put(SCHEDULABLE_LABEL, "true");
    labels.put("harvesterhci.io/managed", "true");
    if (plan.management()) {
      labels.put("node-role.kubernetes.io/control-plane", "true");
      labels.put("node-role.kubernetes.io/etcd", "true");
      labels.put("node-role.kubernetes.io/master", "true");
    }
    labels.putAll(plan.cpu().labels());
    labels.putAll(plan.extraLabels());
    return labels;
  }

  public static List<Taint> taints(NodePlan plan) {
    return plan.taints().stream()
        .map(
            t ->
                new TaintBuilder()
                    .withKey(t.key())
                    .withValue(t.value())
                    .withEffect(t.effect())
                    .build())
        .toList();
  }

  public static String osImage(String version) {
    return "Harvester " + version;
  }

  public static NodeCondition ready(boolean ready, Instant now) {
    return new NodeConditionBuilder()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withReason(ready ? "KubeletReady" : "KubeletNotReady")
        .withMessage(ready ? "kubelet is posting ready status" : "node is rebooting")
        .withLastHeartbeatTime(now.toString())
        .withLastTransitionTime(now.toString())
        .build();
  }

  /** What the node lifecycle controller sets when the kubelet stops posting status. */
  public static NodeCondition statusUnknown(Instant now) {
    return new NodeConditionBuilder()
        .withType("Ready")
        .withStatus("Unknown")
        .withReason("NodeStatusUnknown")
        .withMessage("Kubelet stopped posting node status.")
        .withLastHeartbeatTime(now.toString())
        .withLastTransitionTime(now.toString())
        .build();
  }

  private static Map<String, Quantity> resources() {
    return Map.of(
        "cpu", new Quantity("16"), "memory", new Quantity("64Gi"), "pods", new Quantity("200"));
  }
}
