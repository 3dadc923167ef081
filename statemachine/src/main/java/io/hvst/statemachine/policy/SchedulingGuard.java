package io.hvst.statemachine.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the controller makes scheduling state stick.
 *
 * @param cordonSettle how long a cordon must stay in place before the drain may start
 * @param maxCordonReverts reverts of our cordon tolerated before the node fails
 * @param cordonBackoff wait before cordoning again after a revert (doubles each time)
 * @param settlePeriod how long a restored node is watched for drift
 */
public record SchedulingGuard(
    Duration cordonSettle, int maxCordonReverts, Duration cordonBackoff, Duration settlePeriod) {
  public SchedulingGuard {
    Objects.requireNonNull(cordonSettle, "cordonSettle");
    Objects.requireNonNull(cordonBackoff, "cordonBackoff");
    Objects.requireNonNull(settlePeriod, "settlePeriod");
    if (maxCordonReverts < 0) {
      throw new IllegalArgumentException("maxCordonReverts must not be negative");
    }
  }

  public static SchedulingGuard defaults() {
    return new SchedulingGuard(
        Duration.ofSeconds(3), 3, Duration.ofSeconds(1), Duration.ofMinutes(3));
  }

  /** The backoff before cordoning again after the {@code reverts}-th revert. */
  public Duration backoffAfter(int reverts) {
    return cordonBackoff.multipliedBy(1L << Math.min(Math.max(reverts - 1, 0), 6));
  }
}
