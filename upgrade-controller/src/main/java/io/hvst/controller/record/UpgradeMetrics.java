package io.hvst.controller.record;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code hvst_upgrade_*} metrics (DESIGN.md section 5). Tags are states, steps and reasons,
 * never node or VM names, so cardinality stays bounded.
 */
public final class UpgradeMetrics {

  private final MeterRegistry registry;
  private final Map<NodeState, AtomicInteger> nodes = new EnumMap<>(NodeState.class);
  private final Map<Reason, AtomicInteger> blocked = new EnumMap<>(Reason.class);
  private final AtomicInteger inProgress = new AtomicInteger();
  private final Counter drift;
  private final Map<String, Integer> driftSeen = new ConcurrentHashMap<>();

  public UpgradeMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (NodeState state : NodeState.values()) {
      AtomicInteger count = new AtomicInteger();
      nodes.put(state, count);
      Gauge.builder("hvst.upgrade.nodes", count, AtomicInteger::get)
          .description("Nodes of the running upgrade, by state")
          .tag("state", state.name())
          .register(registry);
    }
    for (Reason reason : Reason.values()) {
      if (reason.kind() == Reason.Kind.BLOCKED) {
        AtomicInteger count = new AtomicInteger();
        blocked.put(reason, count);
        Gauge.builder("hvst.upgrade.blocked", count, AtomicInteger::get)
            .description("Nodes (or upgrades) currently blocked, by reason")
            .tag("reason", reason.code())
            .register(registry);
      }
    }
    drift =
        Counter.builder("hvst.upgrade.scheduling.drift")
            .description(
                "Persisted labels, taints or cordons reverted after a node was restored (and put back)")
            .register(registry);
    Gauge.builder("hvst.upgrade.in.progress", inProgress, AtomicInteger::get)
        .description("1 while an upgrade is running")
        .register(registry);
  }

  /** Sets the gauges from the journals of every upgrade and the waits of this pass. */
  public void observe(List<Journal> journals, List<Wait> waits) {
    nodes.values().forEach(c -> c.set(0));
    blocked.values().forEach(c -> c.set(0));
    int running = 0;
    for (Journal journal : journals) {
      if (journal.upgrade().phase().isFinished()) {
        continue;
      }
      running++;
      journal.nodeRecords().forEach(r -> nodes.get(r.state()).incrementAndGet());
    }
    journals.forEach(this::countDrift);
    inProgress.set(running);
    waits.stream()
        .map(Wait::reason)
        .filter(blocked::containsKey)
        .forEach(r -> blocked.get(r).incrementAndGet());
  }

  /** Zeroes the gauges: a replica that does not lead reports nothing it does not decide. */
  public void clear() {
    nodes.values().forEach(c -> c.set(0));
    blocked.values().forEach(c -> c.set(0));
    inProgress.set(0);
  }

  /** Counts drift the journal shows beyond what this process has seen (not at first sight). */
  private void countDrift(Journal journal) {
    for (NodeRecord r : journal.nodeRecords()) {
      String key = journal.upgrade().upgradeUid() + "/" + r.name();
      Integer before = driftSeen.put(key, r.driftCount());
      if (before != null && r.driftCount() > before) {
        drift.increment(r.driftCount() - (double) before);
      }
    }
  }

  /** Records step durations and failures for the transitions of one pass. */
  public void transitions(Journal journal, List<Transition> changes, Instant now) {
    for (Transition t : changes) {
      if (t.isUpgradeWide() || t.from().isEmpty()) {
        continue;
      }
      NodeState from = NodeState.valueOf(t.from());
      NodeRecord rec = journal.node(t.node()).orElseThrow();
      if (from.isStep()) {
        rec.enteredAt(from).ifPresent(at -> stepTimer(from).record(Duration.between(at, now)));
      }
      t.failure()
          .filter(f -> NodeState.valueOf(t.to()) == NodeState.FAILED)
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

  private Timer stepTimer(NodeState step) {
    return Timer.builder("hvst.upgrade.phase")
        .description("How long node steps take, by step")
        .tag("phase", step.name())
        .publishPercentileHistogram()
        .register(registry);
  }
}
