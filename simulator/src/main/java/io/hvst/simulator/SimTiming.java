package io.hvst.simulator;

import java.time.Duration;

/**
 * How long simulated work takes. Real Harvester takes minutes to hours; the simulator keeps the
 * same order of events on a scale that lets a whole upgrade run in seconds.
 */
public record SimTiming(Duration jobDuration, Duration rebootDuration, Duration migrationDuration) {

  public static SimTiming fast() {
    return new SimTiming(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(300));
  }

  public static SimTiming scaled(double factor) {
    SimTiming f = fast();
    return new SimTiming(
        scale(f.jobDuration, factor),
        scale(f.rebootDuration, factor),
        scale(f.migrationDuration, factor));
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
  }
}
