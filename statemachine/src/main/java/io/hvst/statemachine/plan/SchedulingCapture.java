package io.hvst.statemachine.plan;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.journal.SchedulingState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which parts of a node's scheduling state are worth saving: scheduling labels (KubeVirt's
 * schedulable flag, node roles, the keys the operator's policy names) and the taints that people
 * set (system-managed taints are recreated by Kubernetes and KubeVirt themselves).
 */
public final class SchedulingCapture {

  static final String SCHEDULABLE_LABEL = "kubevirt.io/schedulable";
  private static final List<String> SYSTEM_TAINT_PREFIXES =
      List.of(
          "node.kubernetes.io/",
          "node.cloudprovider.kubernetes.io/",
          "kubevirt.io/drain",
          "ToBeDeletedByClusterAutoscaler");

  private SchedulingCapture() {}

  public static SchedulingState capture(NodeView node, SchedulingPolicy policy, Instant at) {
    Map<String, String> labels = new TreeMap<>();
    node.labels()
        .forEach(
            (key, value) -> {
              if (isSchedulingLabel(key) || policy.persists(key)) {
                labels.put(key, value);
              }
            });
    List<Taint> taints = node.taints().stream().filter(t -> !isSystemTaint(t)).toList();
    return new SchedulingState(node.unschedulable(), labels, taints, at);
  }

  static boolean isSchedulingLabel(String key) {
    return key.equals(SCHEDULABLE_LABEL) || key.startsWith("node-role.");
  }

  public static boolean isSystemTaint(Taint taint) {
    return SYSTEM_TAINT_PREFIXES.stream().anyMatch(taint.key()::startsWith);
  }
}
