package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.placement.Rejection.Reason;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The rules besides CPU and capacity: whether a node takes VMs at all, and this VM's choice. */
final class NodeRules {

  static final String SCHEDULABLE = "kubevirt.io/schedulable";

  private NodeRules() {}

  /** Whether the node may receive any migrated VM of this request. */
  static Optional<Rejection> state(NodeView node, PlacementRequest request) {
    if (node.name().equals(request.sourceNode())) {
      return refuse(node, Reason.SOURCE_NODE, "the VM's own node");
    }
    if (request.excludedNodes().contains(node.name())) {
      return refuse(node, Reason.EXCLUDED, "excluded by the upgrade");
    }
    if (!node.ready()) {
      return refuse(node, Reason.NOT_READY, "not Ready");
    }
    if (node.unschedulable()) {
      return refuse(node, Reason.CORDONED, "cordoned");
    }
    if (!"true".equals(node.labels().get(SCHEDULABLE))) {
      return refuse(node, Reason.NOT_SCHEDULABLE, SCHEDULABLE + " is not true");
    }
    Optional<Taint> taint = node.taints().stream().filter(NodeRules::repels).findFirst();
    if (taint.isPresent()) {
      return refuse(node, Reason.TAINTED, "has the taint " + taint.get());
    }
    return Optional.empty();
  }

  /** Whether the VM's nodeSelector and required node affinity accept the node. */
  static Optional<Rejection> vmChoice(VmView vm, NodeView node) {
    if (vm.nodeSelector().isEmpty() && vm.requiredAffinity().isEmpty()) {
      return Optional.empty();
    }
    String missing =
        new TreeMap<>(vm.nodeSelector())
            .entrySet().stream()
                .filter(e -> !e.getValue().equals(node.labels().get(e.getKey())))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    if (!missing.isEmpty()) {
      return refuse(node, Reason.NODE_SELECTOR, "lacks nodeSelector labels " + missing);
    }
    boolean affinityHolds =
        vm.requiredAffinity().isEmpty()
            || vm.requiredAffinity().stream().anyMatch(term -> term.matches(node.labels()));
    return affinityHolds
        ? Optional.empty()
        : refuse(node, Reason.AFFINITY, "matches no required node affinity term");
  }

  /**
   * A NoSchedule or NoExecute taint keeps the migration target pod off the node (an operator's way
   * to reserve it, e.g. {@code management=reserved:NoSchedule}). VMs' tolerations are not read, so
   * a VM that tolerates the taint is not planned onto the node either: a plan may wait for room
   * that a tolerating VM would not need, but no migration is sent to a node that refuses it.
   */
  private static boolean repels(Taint taint) {
    return !"PreferNoSchedule".equals(taint.effect());
  }

  private static Optional<Rejection> refuse(NodeView node, Reason reason, String detail) {
    return Optional.of(new Rejection(node.name(), reason, detail));
  }
}
