package io.hvst.simulator.bench;

import io.hvst.simulator.SimTiming;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's JSON report: one entry per size under {@code sizes}, with where and how it ran.
 *
 * @param definitions what each number means
 */
public record BenchReport(
    String startedAt,
    Environment environment,
    Simulated simulated,
    List<SizeResult> sizes,
    Map<String, String> definitions) {

  /**
   * The machine the numbers come from.
   *
   * @param sequential sizes ran one after another, in one JVM
   */
  public record Environment(
      int availableProcessors, long maxHeapMiB, String javaVersion, long seed, boolean sequential) {

    static Environment current(long seed) {
      return new Environment(
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          System.getProperty("java.version"),
          seed,
          true);
    }
  }

  /** How long simulated work takes, and KubeVirt's parallel migration limits. */
  public record Simulated(
      long jobMs,
      long rebootMs,
      long migrationMs,
      int migrationsOutPerNode,
      int migrationsPerCluster) {

    static Simulated of(SimTiming timing) {
      LowerBounds.Work w = SizeRun.work(timing);
      return new Simulated(
          w.jobMs(), w.rebootMs(), w.migrationMs(), w.outboundPerNode(), w.perCluster());
    }
  }
}
