package io.hvst.statemachine.journal;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.lifecycle.NodeState;
import java.time.Instant;
import java.util.Objects;

/** Why a node or the upgrade stopped, and in which step. {@code step} is null for the upgrade. */
public record Failure(Reason reason, String message, NodeState step, Instant at) {
  public Failure {
    Objects.requireNonNull(reason, "reason");
    message = message == null || message.isBlank() ? reason.text() : message;
    Objects.requireNonNull(at, "at");
  }
}
