package io.hvst.statemachine.status;

import io.hvst.statemachine.journal.Failure;
import java.util.Optional;

/**
 * A state change between two journals, for events, logs and metrics.
 *
 * @param node the node, or empty for the upgrade as a whole
 * @param from the state before (a NodeState or UpgradePhase name), empty when new
 */
public record Transition(String node, String from, String to, Optional<Failure> failure) {
  public boolean isUpgradeWide() {
    return node.isEmpty();
  }
}
