package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeEvent;
import java.util.stream.Collectors;

/** Starts the VMs this node's drain stopped, and waits until each runs again. */
public final class PostDrainStep implements NodeStep {

  @Override
  public StepResult decide(StepContext ctx) {
    StopFlow.Result started = StopFlow.startAll(ctx.record(), ctx.snapshot(), ctx.now());
    if (started.settled()) {
      return StepResult.advance(NodeEvent.POST_DRAINED, started.record());
    }
    String waiting =
        started.record().stoppedVms().stream()
            .filter(s -> s.state() != StoppedVm.State.STARTED)
            .map(StoppedVm::vm)
            .collect(Collectors.joining(", "));
    return StepResult.stay(
        started.record(),
        Reason.VM_STARTING,
        "Starting " + waiting + ".",
        started.actions().toArray(UpgradeAction[]::new));
  }
}
