package io.hvst.statemachine.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * Something reverted a persisted label, taint or cordon after we restored it.
 *
 * @param key the label or taint key, or {@code spec.unschedulable}
 * @param found what the node showed instead (empty: the key was gone)
 * @param culprit who most likely did it, and what to do about it
 */
public record Drift(String key, String expected, String found, String culprit, Instant at) {
  public Drift {
    Objects.requireNonNull(key, "key");
    expected = expected == null ? "" : expected;
    found = found == null ? "" : found;
    culprit = culprit == null ? "" : culprit;
  }
}
