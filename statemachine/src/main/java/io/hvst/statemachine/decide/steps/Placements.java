package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.placement.PlacementPlan;
import io.hvst.statemachine.placement.PlacementPlanner;
import io.hvst.statemachine.placement.PlacementRequest;
import io.hvst.statemachine.policy.DrainPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a node's VMs can go: never to a node the upgrade has taken out of service, preferably to
 * one that already runs the new version (so each VM moves once).
 */
final class Placements {

  private static final PlacementPlanner PLANNER = new PlacementPlanner();

  private Placements() {}

  static PlacementPlan plan(StepContext ctx, List<VmView> vms) {
    DrainPolicy drain = ctx.policy().drain();
    PlacementRequest request =
        new PlacementRequest(
            ctx.record().name(),
            vms,
            excluded(ctx),
            upgraded(ctx),
            drain.preferUpgradedTargets(),
            drain.launcherOverhead());
    return PLANNER.plan(ctx.snapshot(), request);
  }

  /** Nodes in one of their upgrade steps (or paused inside one), besides the source. */
  static Set<String> excluded(StepContext ctx) {
    Set<String> out = new HashSet<>();
    for (NodeRecord r : ctx.journal().nodeRecords()) {
      boolean inside =
          r.state().isStep() || (r.state() == NodeState.PAUSED && r.resumeTo() != NodeState.QUEUED);
      if (inside) {
        out.add(r.name());
      }
    }
    out.add(ctx.record().name());
    return out;
  }

  /** Nodes that run the target version already. */
  static Set<String> upgraded(StepContext ctx) {
    Set<String> out = new HashSet<>();
    for (NodeView n : ctx.snapshot().nodes().values()) {
      if (ctx.policy().reportsVersion(n, ctx.targetVersion())) {
        out.add(n.name());
      }
    }
    ctx.journal().nodeRecords().stream()
        .filter(r -> r.state() == NodeState.SUCCEEDED)
        .forEach(r -> out.add(r.name()));
    return out;
  }
}
