package io.hvst.controller.record;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.status.StepDurations;
import io.hvst.statemachine.status.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code hvst_upgrade_*} metrics (DESIGN.md section 5). Tags are states, steps, results and
 * reasons, never node or VM names, so cardinality stays bounded. Gauges show the running upgrade,
 * or the latest finished one; counters and timers move as the journal records steps and migrations
 * ending.
 */
public final class UpgradeMetrics {

  private final MeterRegistry registry;
  private final Map<NodeState, AtomicInteger> nodes = new EnumMap<>(NodeState.class);
  private final Map<Reason, AtomicInteger> blocked = new EnumMap<>(Reason.class);
  private final AtomicInteger inProgress = new AtomicInteger();
  private final Counter drift;
  private final Timer migrationTime;
  private final Map<String, Counter> migrations = new ConcurrentHashMap<>();
  private final Map<String, Integer> driftSeen = new ConcurrentHashMap<>();

  public UpgradeMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (NodeState state : NodeState.values()) {
      nodes.put(
          state,
          gauge(
              "hvst.upgrade.nodes",
              "Nodes of the current upgrade, by state",
              "state",
              state.name()));
    }
    for (Reason reason : Reason.values()) {
      if (reason.kind() == Reason.Kind.BLOCKED) {
        blocked.put(
            reason,
            gauge(
                "hvst.upgrade.blocked",
                "Nodes (or upgrades) blocked now, by reason",
                "reason",
                reason.code()));
      }
    }
    Gauge.builder("hvst.upgrade.in.progress", inProgress, AtomicInteger::get)
        .description("1 while an upgrade is running")
        .register(registry);
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

  /** Sets the gauges from the journals of every upgrade and the waits of this pass. */
  public void observe(List<Journal> journals, List<Wait> waits) {
    Optional<Journal> shown =
        journals.stream()
            .filter(j -> !j.upgrade().phase().isFinished())
            .findFirst()
            .or(() -> latestFinished(journals));
    nodes.values().forEach(c -> c.set(0));
    shown.ifPresent(j -> j.nodeRecords().forEach(r -> nodes.get(r.state()).incrementAndGet()));
    inProgress.set((int) journals.stream().filter(j -> !j.upgrade().phase().isFinished()).count());
    blocked.values().forEach(c -> c.set(0));
    waits.stream()
        .map(Wait::reason)
        .filter(blocked::containsKey)
        .forEach(r -> blocked.get(r).incrementAndGet());
    journals.forEach(this::countDrift);
  }

  /**
   * A pass could not get through to the API server (retries spent, or the circuit breaker open):
   * {@code hvst_upgrade_blocked{reason="ApiUnavailable"}} shows 1 until a pass gets through, whose
   * {@link #observe} resets it.
   */
  public void apiUnavailable() {
    blocked.get(Reason.API_UNAVAILABLE).set(1);
  }

  /** Zeroes the gauges: a replica that does not lead reports nothing it does not decide. */
  public void clear() {
    nodes.values().forEach(c -> c.set(0));
    blocked.values().forEach(c -> c.set(0));
    inProgress.set(0);
  }

  /** Records the steps, migrations and failures that ended between two journals. */
  public void transitions(
      Optional<Journal> before, Journal after, List<Transition> changes, Instant now) {
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
      if (!m.finished()) {
        continue;
      }
      boolean finishedBefore =
          old.map(
                  o ->
                      o.migrations().stream()
                          .anyMatch(
                              x ->
                                  x.vm().equals(m.vm())
                                      && x.attempt() == m.attempt()
                                      && x.finished()))
              .orElse(false);
      if (!finishedBefore) {
        migrations.get(m.result()).increment();
        if (m.startedAt() != null && m.finishedAt() != null) {
          migrationTime.record(Duration.between(m.startedAt(), m.finishedAt()));
        }
      }
    }
  }

  /** Counts drift the journal shows beyond what this process has seen (not at first sight). */
  private void countDrift(Journal journal) {
    for (NodeRecord r : journal.nodeRecords()) {
      String key = journal.upgrade().upgradeUid() + "/" + r.name();
      Integer seen = driftSeen.put(key, r.driftCount());
      if (seen != null && r.driftCount() > seen) {
        drift.increment(r.driftCount() - (double) seen);
      }
    }
  }

  private static Optional<Journal> latestFinished(List<Journal> journals) {
    return journals.stream()
        .max(
            Comparator.comparing(
                j -> j.upgrade().enteredAt(j.upgrade().phase()).orElse(Instant.EPOCH)))
        .filter(j -> j.upgrade().phase() != UpgradePhase.PENDING);
  }

  private AtomicInteger gauge(String name, String description, String tag, String value) {
    AtomicInteger count = new AtomicInteger();
    Gauge.builder(name, count, AtomicInteger::get)
        .description(description)
        .tag(tag, value)
        .register(registry);
    return count;
  }
}
