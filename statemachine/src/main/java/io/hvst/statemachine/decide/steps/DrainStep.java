package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.lifecycle.NodeEvent;

/**
 * Empties the node: VMs leave by live migration (or are stopped, by policy), other pods by
 * eviction. Done when no VM and no evictable pod is left and every raised quota is restored.
 */
public final class DrainStep implements NodeStep {

  @Override
  public StepResult decide(StepContext ctx) {
    if (ctx.node().isEmpty()) {
      return StepResult.fail(
          Reason.NODE_GONE, "Node " + ctx.record().name() + " no longer exists.");
    }
    CordonGuard.Check cordon = CordonGuard.check(ctx, ctx.record(), ctx.node().get(), false);
    if (cordon.hold().isPresent()) {
      return cordon.hold().get();
    }
    DrainPass pass = new DrainPass(ctx.with(cordon.record()));
    DrainVms.apply(pass);
    if (!pass.failed()) {
      DrainPods.apply(pass);
    }
    if (!pass.failed() && !pass.waiting()) {
      return StepResult.advance(NodeEvent.DRAINED, pass.rec);
    }
    if (!pass.failed() && ctx.timedOut()) {
      DrainPods.overtime(pass);
    }
    return pass.result();
  }
}
