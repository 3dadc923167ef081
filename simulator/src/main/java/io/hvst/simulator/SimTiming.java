package io.hvst.simulator;

import java.time.Duration;

/**
 * How long simulated work takes. Real Harvester takes minutes to hours; the simulator keeps the
 * same order of events on a scale that lets a whole upgrade run in seconds.
 *
 * @param powerDuration how long KubeVirt takes to start or stop a VM
 * @param podStartDuration how long a replacement Deployment pod takes to become Ready
 * @param evacuationBackoff how long KubeVirt waits before retrying a failed evacuation migration
 * @param virtHandlerInterval how often virt-handler's heartbeat labels its node schedulable (about
 *     {@link #REAL_VIRT_HANDLER_INTERVAL} in a real cluster)
 */
public record SimTiming(
    Duration jobDuration,
    Duration rebootDuration,
    Duration migrationDuration,
    Duration powerDuration,
    Duration podStartDuration,
    Duration evacuationBackoff,
    Duration virtHandlerInterval) {

  /** virt-handler's heartbeat in a real cluster: a minute, plus jitter. */
  public static final Duration REAL_VIRT_HANDLER_INTERVAL = Duration.ofSeconds(90);

  public SimTiming(Duration jobDuration, Duration rebootDuration, Duration migrationDuration) {
    this(
        jobDuration,
        rebootDuration,
        migrationDuration,
        Duration.ofMillis(100),
        Duration.ofMillis(300),
        Duration.ofSeconds(1),
        Duration.ofMillis(1500));
  }

  /** The sandbox's scale: a 3-node upgrade takes seconds, and virt-handler beats several times. */
  public static SimTiming fast() {
    return new SimTiming(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(300));
  }

  public static SimTiming scaled(double factor) {
    SimTiming f = fast();
    return new SimTiming(
        scale(f.jobDuration, factor),
        scale(f.rebootDuration, factor),
        scale(f.migrationDuration, factor),
        scale(f.powerDuration, factor),
        scale(f.podStartDuration, factor),
        scale(f.evacuationBackoff, factor),
        scale(f.virtHandlerInterval, factor));
  }

  public SimTiming withMigrationDuration(Duration d) {
    return new SimTiming(
        jobDuration,
        rebootDuration,
        d,
        powerDuration,
        podStartDuration,
        evacuationBackoff,
        virtHandlerInterval);
  }

  public SimTiming withVirtHandlerInterval(Duration d) {
    return new SimTiming(
        jobDuration,
        rebootDuration,
        migrationDuration,
        powerDuration,
        podStartDuration,
        evacuationBackoff,
        d);
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
  }
}
