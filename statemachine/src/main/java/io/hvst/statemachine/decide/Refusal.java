package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import java.util.Objects;

/** Why an Upgrade will not run at all; nothing in the cluster was touched for it. */
public record Refusal(Reason reason, String message) {
  public Refusal {
    Objects.requireNonNull(reason, "reason");
    message = message == null || message.isBlank() ? reason.text() : message;
  }
}
