package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction.Cordon;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.CordonWatch;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.policy.SchedulingGuard;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps our cordon in place. A vcluster-style node syncer silently sets {@code spec.unschedulable}
 * back; a drain on such a node would evict pods that land right back. Each revert is counted and
 * the node cordoned again after a growing backoff; too many fail the node with what to do, before
 * any pod is evicted.
 */
final class CordonGuard {

  /** Either the node is (and stays) cordoned, or the step must stay or fail for it. */
  record Check(NodeRecord record, Optional<StepResult> hold) {}

  private CordonGuard() {}

  /** {@code settle}: also wait until the cordon has held for the settle period. */
  static Check check(StepContext ctx, NodeRecord rec, NodeView node, boolean settle) {
    if (!rec.cordonedByUs()) {
      return new Check(rec, Optional.empty());
    }
    SchedulingGuard guard = ctx.policy().scheduling();
    Instant now = ctx.now();
    CordonWatch watch = rec.cordonWatch().orElse(CordonWatch.issued(now));
    String mark = watch.mark(ctx.upgrade().name());
    if (node.unschedulable()) {
      CordonWatch seen = watch.seenCordoned(now);
      NodeRecord next = rec.withCordon(seen);
      Instant settled = seen.since().plus(guard.cordonSettle());
      if (settle && now.isBefore(settled)) {
        Wait wait =
            new Wait(
                rec.name(),
                Reason.CORDON_SETTLING,
                "Waiting "
                    + guard.cordonSettle()
                    + " to see that the cordon of "
                    + rec.name()
                    + " sticks.");
        return new Check(
            next, Optional.of(new StepResult.Stay(next, List.of(), wait, Optional.of(settled))));
      }
      return new Check(next, Optional.empty());
    }
    boolean landed = mark.equals(node.cordonMark()) || watch.since() != null;
    if (!landed) {
      // Our latest cordon never reached the node (e.g. the controller stopped right after
      // journaling it): send it, and count nothing.
      return new Check(
          rec,
          Optional.of(
              StepResult.stay(rec, Reason.WAITING_FOR_CORDON, null, new Cordon(rec.name(), mark))));
    }
    if (watch.retryAfter() != null) {
      if (now.isBefore(watch.retryAfter())) {
        return new Check(rec, Optional.of(backingOff(rec, watch)));
      }
      CordonWatch again = watch.reissued(now);
      NodeRecord next = rec.withCordon(again);
      return new Check(
          next,
          Optional.of(
              StepResult.stay(
                  next,
                  Reason.WAITING_FOR_CORDON,
                  "Cordoning " + rec.name() + " again (reverted " + watch.reverts() + " times).",
                  new Cordon(rec.name(), again.mark(ctx.upgrade().name())))));
    }
    CordonWatch reverted = watch.reverted(now.plus(guard.backoffAfter(watch.reverts() + 1)));
    if (reverted.reverts() > guard.maxCordonReverts()) {
      return new Check(
          rec,
          Optional.of(
              StepResult.fail(
                  Reason.CORDON_REVERTED, revertedMessage(rec.name(), reverted.reverts()))));
    }
    NodeRecord next = rec.withCordon(reverted);
    return new Check(next, Optional.of(backingOff(next, reverted)));
  }

  private static StepResult backingOff(NodeRecord rec, CordonWatch watch) {
    return new StepResult.Stay(
        rec,
        List.of(),
        new Wait(
            rec.name(),
            Reason.WAITING_FOR_CORDON,
            "The cordon of "
                + rec.name()
                + " was reverted ("
                + watch.reverts()
                + " times); cordoning again after a backoff."),
        Optional.of(watch.retryAfter()));
  }

  static String revertedMessage(String node, int reverts) {
    return "The cordon of node "
        + node
        + " was reverted "
        + reverts
        + " times: something sets spec.unschedulable back "
        + "(a vcluster-style node syncer, or another controller). No pod was evicted. Run the upgrade against the host "
        + "cluster, or enable the virtual cluster's sync of node changes back to the host (vcluster: sync.nodes.syncBackChanges), "
        + "then retry the node.";
  }
}
