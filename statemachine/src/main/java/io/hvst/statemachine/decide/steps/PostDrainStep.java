package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.lifecycle.NodeEvent;

/**
 * The node is upgraded and still cordoned. VMs stopped for the drain are not started here: a VM
 * that could not migrate usually can only run on this node (host devices, local volumes), and a
 * single-node cluster has no other node, so they start after the uncordon, in RESTORE_SCHEDULING.
 */
public final class PostDrainStep implements NodeStep {

  @Override
  public StepResult decide(StepContext ctx) {
    return StepResult.advance(
        NodeEvent.POST_DRAINED, StopFlow.confirmStopped(ctx.record(), ctx.snapshot(), ctx.now()));
  }
}
