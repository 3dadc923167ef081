package io.hvst.statemachine.decide;

import io.hvst.statemachine.decide.steps.DrainStep;
import io.hvst.statemachine.decide.steps.PostDrainStep;
import io.hvst.statemachine.decide.steps.PreDrainStep;
import io.hvst.statemachine.decide.steps.RepoVmMigrationStep;
import io.hvst.statemachine.decide.steps.RestoreSchedulingStep;
import io.hvst.statemachine.decide.steps.UpgradeStep;
import io.hvst.statemachine.lifecycle.NodeLifecycle;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradeLifecycle;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.util.EnumMap;
import java.util.Map;

/** Wires the standard step logic into a decider. */
public final class Deciders {

  private Deciders() {}

  public static UpgradeDecider standard(UpgradePolicy policy) {
    Map<NodeState, NodeStep> steps = new EnumMap<>(NodeState.class);
    steps.put(NodeState.PRE_DRAIN, new PreDrainStep());
    steps.put(NodeState.REPO_VM_MIGRATION, new RepoVmMigrationStep());
    steps.put(NodeState.DRAIN, new DrainStep());
    steps.put(NodeState.UPGRADE, new UpgradeStep());
    steps.put(NodeState.POST_DRAIN, new PostDrainStep());
    steps.put(NodeState.RESTORE_SCHEDULING, new RestoreSchedulingStep());
    NodeDecider nodes = new NodeDecider(steps, new NodeLifecycle(), policy);
    return new UpgradeDecider(policy, new UpgradeLifecycle(), nodes);
  }
}
