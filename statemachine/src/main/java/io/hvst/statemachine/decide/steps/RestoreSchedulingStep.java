package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction.Uncordon;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeEvent;
import java.util.Optional;

/** Gives the node back: uncordons it, but only if the cordon was ours. */
public final class RestoreSchedulingStep implements NodeStep {

  @Override
  public StepResult decide(StepContext ctx) {
    Optional<NodeView> observed = ctx.node();
    NodeRecord rec = ctx.record();
    if (observed.isEmpty()) {
      return StepResult.fail(Reason.NODE_GONE, "Node " + rec.name() + " no longer exists.");
    }
    NodeView node = observed.get();
    if (!node.ready()) {
      return StepResult.stay(rec, Reason.NODE_NOT_READY, "Node " + node.name() + " is not Ready.");
    }
    if (rec.cordonedByUs() && node.unschedulable()) {
      return StepResult.stay(rec, Reason.UNCORDON_PENDING, null, new Uncordon(node.name()));
    }
    return StepResult.advance(NodeEvent.SCHEDULING_RESTORED, rec);
  }
}
