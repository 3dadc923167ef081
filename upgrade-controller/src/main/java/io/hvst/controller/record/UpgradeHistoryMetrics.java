package io.hvst.controller.record;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.StepDurations;
import io.hvst.statemachine.status.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters and timers: what ended. Each moves once per step, migration, failure or drift, found
 * by comparing a journal with the one before it, so a pass that repeats changes nothing.
 */
final class UpgradeHistoryMetrics {

  private final MeterRegistry registry;
  private final Counter drift;
  private final Timer migrationTime;
  private final Map<String, Counter> migrations = new ConcurrentHashMap<>();
  private final Map<String, Integer> driftSeen = new ConcurrentHashMap<>();

  UpgradeHistoryMetrics(MeterRegistry registry) {
    this.registry = registry;
    drift =
        Counter.builder("hvst.upgrade.scheduling.drift")
            .description(
                "Persisted labels, taints or cordons reverted after a node was restored (and put back)")
            .register(registry);
    migrationTime =
        Timer.builder("hvst.upgrade.vm.migration")
            .description("How long live migrations took, from request to end")
            .publishPercentileHistogram()
            .register(registry);
    for (String result : List.of(MigrationRecord.SUCCEEDED, MigrationRecord.FAILED)) {
      migrations.put(
          result,
          Counter.builder("hvst.upgrade.vm.migrations")
              .description("Live migrations, by result")
              .tag("result", result)
              .register(registry));
    }
  }

  void transitions(Optional<Journal> before, Journal after, List<Transition> changes, Instant now) {
    for (NodeRecord rec : after.nodeRecords()) {
      Optional<NodeRecord> old = before.flatMap(j -> j.node(rec.name()));
      recordSteps(old, rec, now);
      recordMigrations(old, rec);
    }
    for (Transition t : changes) {
      if (t.isUpgradeWide() || !NodeState.FAILED.name().equals(t.to())) {
        continue;
      }
      t.failure()
          .ifPresent(
              f ->
                  Counter.builder("hvst.upgrade.step.failures")
                      .description("Node steps that failed, by step and reason")
                      .tag("step", String.valueOf(f.step()))
                      .tag("reason", f.reason().code())
                      .register(registry)
                      .increment());
    }
  }

  /** Counts drift the journal shows beyond what this process has seen (not at first sight). */
  void countDrift(Journal journal) {
    for (NodeRecord r : journal.nodeRecords()) {
      String key = journal.upgrade().upgradeUid() + "/" + r.name();
      Integer seen = driftSeen.put(key, r.driftCount());
      if (seen != null && r.driftCount() > seen) {
        drift.increment(r.driftCount() - (double) seen);
      }
    }
  }

  /** Steps the node left since the previous journal: each one, even several in one pass. */
  private void recordSteps(Optional<NodeRecord> old, NodeRecord rec, Instant now) {
    Map<NodeState, Duration> done = StepDurations.of(rec, now);
    Map<NodeState, Duration> doneBefore = old.map(o -> StepDurations.of(o, now)).orElse(Map.of());
    done.forEach(
        (step, took) -> {
          boolean finished = step != rec.state();
          boolean finishedBefore =
              old.map(
                      o ->
                          o.state() != step
                              && doneBefore.containsKey(step)
                              && o.enteredAt(step).equals(rec.enteredAt(step)))
                  .orElse(false);
          if (finished && !finishedBefore) {
            Timer.builder("hvst.upgrade.phase")
                .description("How long node steps take, by step")
                .tag("phase", step.name())
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
          }
        });
  }

  private void recordMigrations(Optional<NodeRecord> old, NodeRecord rec) {
    for (MigrationRecord m : rec.migrations()) {
      if (!m.finished() || finishedBefore(old, m)) {
        continue;
      }
      migrations.get(m.result()).increment();
      if (m.startedAt() != null && m.finishedAt() != null) {
        migrationTime.record(Duration.between(m.startedAt(), m.finishedAt()));
      }
    }
  }

  private static boolean finishedBefore(Optional<NodeRecord> old, MigrationRecord m) {
    return old.map(
            o ->
                o.migrations().stream()
                    .anyMatch(
                        x -> x.vm().equals(m.vm()) && x.attempt() == m.attempt() && x.finished()))
        .orElse(false);
  }
}
