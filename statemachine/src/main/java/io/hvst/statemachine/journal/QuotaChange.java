package io.hvst.statemachine.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A ResourceQuota raised so a migration target pod fits, recorded before the raise. Amounts are
 * base units (millicores, bytes, counts). Only {@code delta} is ever taken back, so a change
 * someone else made meanwhile survives.
 *
 * @param original {@code spec.hard} before the raise
 * @param raisedTo {@code spec.hard} the raise writes
 * @param restoreTo {@code spec.hard} the restore writes; set when the restore starts
 */
public record QuotaChange(
    String namespace,
    String quota,
    String vm,
    Map<String, Long> delta,
    Map<String, Long> original,
    Map<String, Long> raisedTo,
    Map<String, Long> restoreTo,
    State state,
    Instant at) {

  /** Where the change is; each state is journaled before the write that leaves it. */
  public enum State {
    RAISING,
    RAISED,
    RESTORING,
    RESTORED
  }

  public QuotaChange {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(quota, "quota");
    vm = vm == null ? "" : vm;
    delta = delta == null ? Map.of() : Map.copyOf(delta);
    original = original == null ? Map.of() : Map.copyOf(original);
    raisedTo = raisedTo == null ? Map.of() : Map.copyOf(raisedTo);
    restoreTo = restoreTo == null ? Map.of() : Map.copyOf(restoreTo);
    Objects.requireNonNull(state, "state");
  }

  public QuotaChange in(State next, Map<String, Long> restoreTarget, Instant when) {
    return new QuotaChange(
        namespace, quota, vm, delta, original, raisedTo, restoreTarget, next, when);
  }

  public String key() {
    return namespace + "/" + quota;
  }
}
