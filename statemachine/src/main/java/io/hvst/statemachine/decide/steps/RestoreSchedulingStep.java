package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.PatchScheduling;
import io.hvst.statemachine.decide.UpgradeAction.Uncordon;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.SchedulingState;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeEvent;
import io.hvst.statemachine.plan.DesiredScheduling;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gives the node back as it was: the persisted labels and taints (an OS reinstall or virt-handler
 * may have reset them) plus what the operator's policy declares, then the uncordon, but only of a
 * cordon that was ours, then the VMs the drain stopped, started again and waited for. The node is
 * then watched for drift for the settle period.
 */
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
    Optional<SchedulingState> saved = rec.savedScheduling();
    if (saved.isPresent()) {
      DesiredScheduling.Diff diff =
          DesiredScheduling.of(saved.get(), node, ctx.snapshot().schedulingPolicy()).diff(node);
      if (!diff.isEmpty()) {
        NodeRecord next =
            rec.reapplied() > 0 ? rec : rec.toBuilder().reapplied(diff.size()).build();
        return StepResult.stay(
            next,
            Reason.REAPPLYING_SCHEDULING,
            "Putting back on "
                + node.name()
                + ": labels "
                + diff.setLabels()
                + ", removing "
                + diff.removeLabels()
                + ", taints "
                + diff.addTaints()
                + ".",
            new PatchScheduling(
                node.name(), diff.setLabels(), diff.removeLabels(), diff.addTaints()));
      }
    }
    if (rec.cordonedByUs() && node.unschedulable()) {
      return StepResult.stay(rec, Reason.UNCORDON_PENDING, null, new Uncordon(node.name()));
    }
    StopFlow.Result started = StopFlow.startAll(rec, ctx.snapshot(), ctx.now());
    if (!started.settled()) {
      String waiting =
          started.record().stoppedVms().stream()
              .filter(s -> s.state() != StoppedVm.State.STARTED)
              .map(StoppedVm::vm)
              .collect(Collectors.joining(", "));
      return StepResult.stay(
          started.record(),
          Reason.VM_STARTING,
          "Starting " + waiting + " again.",
          started.actions().toArray(UpgradeAction[]::new));
    }
    rec = started.record();
    NodeRecord restored =
        rec.toBuilder()
            .settleUntil(ctx.now().plus(ctx.policy().scheduling().settlePeriod()))
            .build();
    return StepResult.advance(NodeEvent.SCHEDULING_RESTORED, restored);
  }
}
