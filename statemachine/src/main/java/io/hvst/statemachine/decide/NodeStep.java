package io.hvst.statemachine.decide;

/** The decision logic of one step of the node state machine. */
@FunctionalInterface
public interface NodeStep {
  StepResult decide(StepContext context);
}
