package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.StepResult.Advance;
import io.hvst.statemachine.decide.StepResult.Fail;
import io.hvst.statemachine.decide.StepResult.Stay;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeEvent;
import io.hvst.statemachine.lifecycle.NodeLifecycle;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks one node through as many steps as the snapshot allows in one pass, asking the node state
 * machine for every transition. A step that stays past its timeout fails with STEP_TIMEOUT.
 */
public final class NodeDecider {

  /** The node's new record, what to do for it, and when to look again. */
  public record Outcome(NodeRecord record, List<UpgradeAction> actions, Optional<Instant> wakeAt) {}

  private static final int MAX_STEPS_PER_PASS = NodeState.values().length;

  private final Map<NodeState, NodeStep> steps;
  private final NodeLifecycle lifecycle;
  private final UpgradePolicy policy;

  public NodeDecider(
      Map<NodeState, NodeStep> steps, NodeLifecycle lifecycle, UpgradePolicy policy) {
    this.steps = Map.copyOf(steps);
    this.lifecycle = lifecycle;
    this.policy = policy;
  }

  public Outcome decide(
      UpgradeRequest upgrade,
      Journal journal,
      NodeRecord record,
      ClusterSnapshot snapshot,
      boolean pauseAfterStep) {
    NodeRecord rec = record;
    for (int i = 0; i < MAX_STEPS_PER_PASS && rec.state().isStep(); i++) {
      StepContext ctx = new StepContext(upgrade, journal, rec, snapshot, policy);
      StepResult result = stepFor(rec.state()).decide(ctx);
      if (result instanceof Advance advance) {
        rec = transition(advance.record(), advance.event(), ctx.now());
        if (pauseAfterStep && rec.state().isStep()) {
          return new Outcome(pause(rec, ctx.now()), List.of(), Optional.empty());
        }
      } else if (result instanceof Stay stay) {
        return stayed(ctx, stay);
      } else {
        Fail fail = (Fail) result;
        return new Outcome(
            failed(rec, fail.reason(), fail.detail(), ctx.now()), List.of(), Optional.empty());
      }
    }
    return new Outcome(rec, List.of(), Optional.empty());
  }

  /** Moves the node from QUEUED into its first step. */
  public NodeRecord start(NodeRecord record, Instant now) {
    return transition(record, NodeEvent.START, now);
  }

  /**
   * Parks the node in PAUSED; it will resume into the state it is in now. A node that has just
   * entered a step is paused before it did anything in it (its entry time is not kept).
   */
  public NodeRecord pause(NodeRecord record, Instant now) {
    NodeState target = record.state();
    NodeState paused =
        lifecycle
            .fire(target, NodeEvent.PAUSE)
            .orElseThrow(() -> new IllegalStateException("cannot pause in " + target));
    Map<NodeState, Instant> entered = new java.util.EnumMap<>(NodeState.class);
    entered.putAll(record.entered());
    if (target.isStep()) {
      entered.remove(target);
    }
    return record.toBuilder().entered(entered).resumeTo(target).build().enter(paused, now);
  }

  /** Takes a PAUSED node back into the state it was about to enter. */
  public NodeRecord resume(NodeRecord record, Instant now) {
    NodeState target = record.resumeTo() == null ? NodeState.QUEUED : record.resumeTo();
    NodeState next =
        lifecycle
            .fire(NodeState.PAUSED, NodeEvent.RESUME, target)
            .orElseThrow(() -> new IllegalStateException("cannot resume into " + target));
    return record.toBuilder().resumeTo(null).build().enter(next, now);
  }

  /** Retries a failed node from the step that failed, under a new attempt. */
  public NodeRecord retry(NodeRecord record, Instant now) {
    NodeState step =
        record.failure() == null || record.failure().step() == null
            ? NodeState.PRE_DRAIN
            : record.failure().step();
    NodeState next =
        lifecycle
            .fire(NodeState.FAILED, NodeEvent.RETRY, step)
            .orElseThrow(() -> new IllegalStateException("cannot retry into " + step));
    return record.nextAttempt().enter(next, now);
  }

  private Outcome stayed(StepContext ctx, Stay stay) {
    if (ctx.timedOut() && !stay.overtime()) {
      String detail =
          ctx.record().state()
              + " did not finish within "
              + policy.timeout(ctx.record().state())
              + ": "
              + stay.blocker().detail();
      return new Outcome(
          failed(stay.record(), Reason.STEP_TIMEOUT, detail, ctx.now()),
          List.of(),
          Optional.empty());
    }
    List<UpgradeAction> actions = new ArrayList<>(stay.actions());
    actions.add(stay.blocker());
    Instant wake = stay.wakeAt().filter(w -> w.isBefore(ctx.deadline())).orElse(ctx.deadline());
    return new Outcome(stay.record(), actions, Optional.of(wake));
  }

  private NodeRecord transition(NodeRecord rec, NodeEvent event, Instant now) {
    NodeState next =
        lifecycle
            .fire(rec.state(), event)
            .orElseThrow(
                () -> new IllegalStateException(event + " is not legal in " + rec.state()));
    return rec.enter(next, now);
  }

  private NodeRecord failed(NodeRecord rec, Reason reason, String detail, Instant now) {
    Failure failure = new Failure(reason, detail, rec.state(), now);
    return transition(rec.withFailure(failure), NodeEvent.FAIL, now);
  }

  private NodeStep stepFor(NodeState state) {
    NodeStep step = steps.get(state);
    if (step == null) {
      throw new IllegalStateException("no step logic for " + state);
    }
    return step;
  }
}
