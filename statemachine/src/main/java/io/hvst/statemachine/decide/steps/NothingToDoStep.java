package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.lifecycle.NodeEvent;

/** A step with no work configured for it: it completes at once. */
public final class NothingToDoStep implements NodeStep {

  private final NodeEvent done;

  public NothingToDoStep(NodeEvent done) {
    this.done = done;
  }

  @Override
  public StepResult decide(StepContext ctx) {
    return StepResult.advance(done, ctx.record());
  }
}
