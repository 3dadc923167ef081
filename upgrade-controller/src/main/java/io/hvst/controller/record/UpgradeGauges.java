package io.hvst.controller.record;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gauges: what the upgrade looks like now. They show the running upgrade, or the latest
 * finished one, and are set whole on every pass from the journals and the pass's waits.
 */
final class UpgradeGauges {

  private final Map<NodeState, AtomicInteger> nodes = new EnumMap<>(NodeState.class);
  private final Map<Reason, AtomicInteger> blocked = new EnumMap<>(Reason.class);
  private final Map<Reason, AtomicInteger> ignored = new EnumMap<>(Reason.class);
  private final AtomicInteger inProgress = new AtomicInteger();

  UpgradeGauges(MeterRegistry registry) {
    for (NodeState state : NodeState.values()) {
      nodes.put(
          state,
          gauge(
              registry,
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
                registry,
                "hvst.upgrade.blocked",
                "Nodes (or upgrades) blocked now, by reason",
                "reason",
                reason.code()));
      } else if (reason.kind() == Reason.Kind.WARNING) {
        ignored.put(
            reason,
            gauge(
                registry,
                "hvst.upgrade.ignored.inputs",
                "Inputs ignored now because they cannot be read (policy entries, control"
                    + " annotations), by reason; the upgrade goes on without them",
                "reason",
                reason.code()));
      }
    }
    Gauge.builder("hvst.upgrade.in.progress", inProgress, AtomicInteger::get)
        .description("1 while an upgrade is running")
        .register(registry);
  }

  void observe(List<Journal> journals, List<Wait> waits) {
    Optional<Journal> shown =
        journals.stream()
            .filter(j -> !j.upgrade().phase().isFinished())
            .findFirst()
            .or(() -> latestFinished(journals));
    nodes.values().forEach(c -> c.set(0));
    shown.ifPresent(j -> j.nodeRecords().forEach(r -> nodes.get(r.state()).incrementAndGet()));
    inProgress.set((int) journals.stream().filter(j -> !j.upgrade().phase().isFinished()).count());
    blocked.values().forEach(c -> c.set(0));
    ignored.values().forEach(c -> c.set(0));
    for (Wait wait : waits) {
      Optional.ofNullable(blocked.get(wait.reason()))
          .or(() -> Optional.ofNullable(ignored.get(wait.reason())))
          .ifPresent(AtomicInteger::incrementAndGet);
    }
  }

  void apiUnavailable() {
    blocked.get(Reason.API_UNAVAILABLE).set(1);
  }

  void clear() {
    nodes.values().forEach(c -> c.set(0));
    blocked.values().forEach(c -> c.set(0));
    ignored.values().forEach(c -> c.set(0));
    inProgress.set(0);
  }

  private static Optional<Journal> latestFinished(List<Journal> journals) {
    return journals.stream()
        .max(
            Comparator.comparing(
                j -> j.upgrade().enteredAt(j.upgrade().phase()).orElse(Instant.EPOCH)))
        .filter(j -> j.upgrade().phase() != UpgradePhase.PENDING);
  }

  private static AtomicInteger gauge(
      MeterRegistry registry, String name, String description, String tag, String value) {
    AtomicInteger count = new AtomicInteger();
    Gauge.builder(name, count, AtomicInteger::get)
        .description(description)
        .tag(tag, value)
        .register(registry);
    return count;
  }
}
