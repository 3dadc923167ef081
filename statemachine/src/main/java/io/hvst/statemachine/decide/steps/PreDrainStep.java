package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction.Cordon;
import io.hvst.statemachine.journal.CordonWatch;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeEvent;
import io.hvst.statemachine.plan.SchedulingCapture;
import java.util.Optional;

/**
 * Gates the node, saves its scheduling state, cordons it and waits until the cordon sticks. The
 * saved state and "we cordoned it" are journaled before the cordon is sent, so a restart never
 * loses whose cordon it is.
 */
public final class PreDrainStep implements NodeStep {

  @Override
  public StepResult decide(StepContext ctx) {
    Optional<NodeView> observed = ctx.node();
    if (observed.isEmpty()) {
      return StepResult.fail(
          Reason.NODE_GONE, "Node " + ctx.record().name() + " no longer exists.");
    }
    NodeView node = observed.get();
    NodeRecord rec = ctx.record();
    if (rec.savedScheduling().isEmpty()) {
      if (!node.ready()) {
        return StepResult.stay(
            rec, Reason.NODE_NOT_READY, "Node " + node.name() + " is not Ready.");
      }
      Optional<StepResult> gate = PreDrainGate.check(ctx);
      if (gate.isPresent()) {
        return gate.get();
      }
      boolean ours = !node.unschedulable();
      rec =
          rec.withScheduling(
              SchedulingCapture.capture(node, ctx.snapshot().schedulingPolicy(), ctx.now()), ours);
      if (!ours) {
        return StepResult.advance(NodeEvent.PRE_DRAINED, rec);
      }
      CordonWatch watch = CordonWatch.issued(ctx.now());
      rec = rec.withCordon(watch);
      return StepResult.stay(
          rec,
          Reason.WAITING_FOR_CORDON,
          null,
          new Cordon(node.name(), watch.mark(ctx.upgrade().name())));
    }
    if (!rec.cordonedByUs()) {
      return StepResult.advance(NodeEvent.PRE_DRAINED, rec);
    }
    CordonGuard.Check check = CordonGuard.check(ctx, rec, node, true);
    return check.hold().orElseGet(() -> StepResult.advance(NodeEvent.PRE_DRAINED, check.record()));
  }
}
