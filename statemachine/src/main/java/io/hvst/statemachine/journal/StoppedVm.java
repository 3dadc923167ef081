package io.hvst.statemachine.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * A VM the controller stopped because it could not be live-migrated and the policy allows stopping
 * it; recorded before it is stopped, so it is always started again.
 *
 * @param vm the VirtualMachine as {@code namespace/name}
 * @param runStrategy its {@code spec.runStrategy} before we stopped it, restored when it starts
 */
public record StoppedVm(String vm, String runStrategy, String node, State state, Instant at) {

  /** Where the stop is; each state is journaled before the write that leaves it. */
  public enum State {
    STOPPING,
    STOPPED,
    STARTING,
    STARTED
  }

  public StoppedVm {
    Objects.requireNonNull(vm, "vm");
    runStrategy = runStrategy == null || runStrategy.isBlank() ? "Always" : runStrategy;
    node = node == null ? "" : node;
    Objects.requireNonNull(state, "state");
  }

  public StoppedVm in(State next, Instant when) {
    return new StoppedVm(vm, runStrategy, node, next, when);
  }
}
