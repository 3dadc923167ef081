package io.hvst.simulator.scenario;

import io.hvst.simulator.seed.NodePlan;
import io.hvst.simulator.seed.NodePlan.TaintPlan;
import io.hvst.simulator.session.UpgradeSession;
import java.util.List;
import java.util.Map;

/** Scheduling state the upgrade must not lose, and cordons that do not stick. */
public final class SchedulingScenarios {

  /** The management node that carries the operator's scheduling state. */
  public static final String MANAGEMENT_NODE = "node-1";

  public static final String SCHEDULABLE = "kubevirt.io/schedulable";

  /** An operator's own label, persisted because the policy ConfigMap lists its key. */
  public static final String POOL_LABEL = "example.com/pool";

  public static final TaintPlan MANAGEMENT_TAINT =
      new TaintPlan("management", "reserved", "NoSchedule");

  /** How often the syncer reverts each cordon in {@code cordon-revert}. */
  public static final int REVERTS = 2;

  /** The node a person cordoned before the upgrade. */
  public static final String PERSON_CORDONED = "node-3";

  /** The rule of {@link #RESERVED_RULES}. */
  public static final String RESERVED_RULE = "management-reserved";

  /**
   * The state the operator declares for the management pool in {@code schedulable-drift}: no VMs,
   * by virt-handler's label and by a taint.
   */
  public static final String RESERVED_RULES =
      "- name: "
          + RESERVED_RULE
          + "\n"
          + "  nodeSelector: {\""
          + POOL_LABEL
          + "\": management}\n"
          + "  labels: {\""
          + SCHEDULABLE
          + "\": \"false\"}\n"
          + "  taints: [{key: management, value: reserved, effect: NoSchedule}]\n";

  /**
   * How long {@code schedulable-drift} watches a restored node: several of virt-handler's beats
   * ({@code SimTiming#virtHandlerInterval}), so the label drifts within it even on a busy machine.
   */
  public static final String DRIFT_SETTLE_PERIOD = "6s";

  /** A policy entry that is not a label key. */
  public static final String MALFORMED_ENTRY = "example.com/rack=a";

  private SchedulingScenarios() {}

  /**
   * A management node kept free of VMs by {@code kubevirt.io/schedulable=false}, an operator's
   * label and a taint; the OS upgrade resets them all. virt-handler's heartbeat is off, as it must
   * be for a hand-set {@code schedulable=false} to stick at all (README, "Scheduling").
   */
  public static ScenarioSetup labelsReset() {
    return ScenarioSetup.plain()
        .needs(3)
        .cluster(
            c ->
                c.withoutVirtHandlerHeartbeat()
                    .node(MANAGEMENT_NODE, SchedulingScenarios::reserved))
        .arm(s -> policy(s, POOL_LABEL));
  }

  /**
   * The same node with virt-handler's heartbeat on, as in every real cluster: the hand-set {@code
   * schedulable=false} is gone before the upgrade starts, so the operator declares the node group's
   * state in the policy's {@code rules} ({@link #RESERVED_RULES}). After the upgrade the controller
   * applies it; during the settle period virt-handler re-labels the node schedulable, and the
   * controller puts it back, counts the drift and names virt-handler as the likely culprit.
   */
  public static ScenarioSetup schedulableDrift() {
    return ScenarioSetup.plain()
        .needs(3)
        .property("hvst.scheduling.settle-period", DRIFT_SETTLE_PERIOD)
        .cluster(c -> c.node(MANAGEMENT_NODE, SchedulingScenarios::reserved))
        .arm(
            s ->
                s.cluster()
                    .workloads()
                    .schedulingPolicy(
                        Map.of("persist-labels", POOL_LABEL + "\n", "rules", RESERVED_RULES)));
  }

  /** A vcluster-style syncer reverts each node's cordon twice; the third one sticks. */
  public static ScenarioSetup cordonRevert() {
    return ScenarioSetup.plain().arm(s -> revertEveryCordon(s, REVERTS));
  }

  /** The syncer reverts every cordon, for ever. */
  public static ScenarioSetup cordonAlwaysReverted() {
    return ScenarioSetup.plain().arm(s -> revertEveryCordon(s, Integer.MAX_VALUE));
  }

  /** A person cordoned node-3 before the upgrade. */
  public static ScenarioSetup personCordoned() {
    return ScenarioSetup.plain()
        .needs(3)
        .cluster(c -> c.node(PERSON_CORDONED, NodePlan::cordonedByAPerson));
  }

  /** The policy ConfigMap has one good entry and one malformed one. */
  public static ScenarioSetup policyMalformed() {
    return ScenarioSetup.plain()
        .needs(3)
        .cluster(c -> c.node(MANAGEMENT_NODE, n -> n.withLabels(Map.of(POOL_LABEL, "management"))))
        .arm(s -> policy(s, POOL_LABEL + "\n" + MALFORMED_ENTRY));
  }

  static NodePlan reserved(NodePlan node) {
    return node.withLabels(Map.of(SCHEDULABLE, "false", POOL_LABEL, "management"))
        .withTaints(List.of(MANAGEMENT_TAINT));
  }

  static void policy(UpgradeSession session, String persistLabels) {
    session.cluster().workloads().schedulingPolicy(Map.of("persist-labels", persistLabels + "\n"));
  }

  private static void revertEveryCordon(UpgradeSession session, int times) {
    for (String node : DrainScenarios.nodeNames(session)) {
      session.cluster().nodeSyncer().revertCordons(node, times);
    }
  }
}
