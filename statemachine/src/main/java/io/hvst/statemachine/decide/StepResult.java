package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a step decided for its node: move on, stay (acting or waiting), or fail. */
public sealed interface StepResult {

  /** The step is done; {@code event} moves the node on. */
  record Advance(NodeEvent event, NodeRecord record) implements StepResult {}

  /**
   * The step is not done: run {@code actions} (if any) and wait for what {@code blocker} says.
   * {@code overtime} marks a step that is past its deadline and keeps going on purpose (a forced
   * drain); otherwise staying past the deadline fails the step.
   */
  record Stay(
      NodeRecord record,
      List<UpgradeAction> actions,
      Wait blocker,
      Optional<Instant> wakeAt,
      boolean overtime)
      implements StepResult {
    public Stay {
      actions = List.copyOf(actions);
      Objects.requireNonNull(blocker, "blocker");
    }

    public Stay(
        NodeRecord record, List<UpgradeAction> actions, Wait blocker, Optional<Instant> wakeAt) {
      this(record, actions, blocker, wakeAt, false);
    }
  }

  /** The step cannot succeed. */
  record Fail(Reason reason, String detail) implements StepResult {}

  static StepResult advance(NodeEvent event, NodeRecord record) {
    return new Advance(event, record);
  }

  static StepResult stay(NodeRecord record, Reason reason, String detail, UpgradeAction... acts) {
    return new Stay(
        record, List.of(acts), new Wait(record.name(), reason, detail), Optional.empty());
  }

  static StepResult fail(Reason reason, String detail) {
    return new Fail(reason, detail);
  }
}
