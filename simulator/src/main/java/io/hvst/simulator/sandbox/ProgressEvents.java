package io.hvst.simulator.sandbox;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.StepDurations;
import io.hvst.statemachine.status.Transition;
import io.hvst.statemachine.status.Transitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The change lines between two looks at an upgrade: state changes, VM migrations starting and
 * ending, VMs stopped and started, nodes becoming blocked and unblocked. Pure: journal and status
 * in, text out.
 */
final class ProgressEvents {

  private ProgressEvents() {}

  /**
   * What changed in the journal from {@code before} to {@code after}, in the order it happened when
   * one write holds several changes: migrations that ended, then state changes, then migrations
   * that started and VMs stopped or started.
   */
  static List<String> journal(Optional<Journal> before, Journal after, Instant now) {
    List<String> ended = new ArrayList<>();
    List<String> started = new ArrayList<>();
    for (NodeRecord rec : after.nodeRecords()) {
      Optional<NodeRecord> old = before.flatMap(j -> j.node(rec.name()));
      migrations(rec, old, started, ended);
      stops(rec, old, started);
    }
    List<String> lines = new ArrayList<>(ended);
    for (Transition t : Transitions.between(before, after)) {
      if (!t.to().equals(NodeState.QUEUED.name())) {
        lines.add(describe(after, t, now));
      }
    }
    lines.addAll(started);
    return lines;
  }

  /** Nodes that became blocked, changed why, or were unblocked. */
  static List<String> waits(Map<String, NodeWait> before, Map<String, NodeWait> after) {
    List<String> lines = new ArrayList<>();
    after.forEach(
        (node, wait) -> {
          NodeWait old = before.getOrDefault(node, NodeWait.NONE);
          if (wait.blocked() && !wait.equals(old)) {
            lines.add(node(node) + "blocked: " + wait.describe());
          } else if (old.blocked() && !wait.blocked()) {
            lines.add(node(node) + "unblocked");
          }
        });
    return lines;
  }

  private static void migrations(
      NodeRecord rec, Optional<NodeRecord> old, List<String> started, List<String> ended) {
    Map<String, MigrationRecord> known = byKey(old, NodeRecord::migrations, ProgressEvents::key);
    for (MigrationRecord m : rec.migrations()) {
      MigrationRecord was = known.get(key(m));
      if (was == null) {
        started.add(node(rec.name()) + ProgressFormat.migrationStarted(m));
      }
      if (m.finished() && (was == null || !was.finished())) {
        (was == null ? started : ended).add(node(rec.name()) + ProgressFormat.migrationEnded(m));
      }
    }
  }

  private static void stops(NodeRecord rec, Optional<NodeRecord> old, List<String> lines) {
    Map<String, StoppedVm> known = byKey(old, NodeRecord::stoppedVms, StoppedVm::vm);
    for (StoppedVm s : rec.stoppedVms()) {
      StoppedVm was = known.get(s.vm());
      if (was == null || was.state() != s.state()) {
        lines.add(
            node(rec.name()) + "vm " + s.vm() + " " + s.state().name().toLowerCase(Locale.ROOT));
      }
    }
  }

  private static <T> Map<String, T> byKey(
      Optional<NodeRecord> rec, Function<NodeRecord, List<T>> items, Function<T, String> key) {
    return rec.map(items).orElse(List.of()).stream()
        .collect(Collectors.toMap(key, i -> i, (a, b) -> b));
  }

  private static String key(MigrationRecord m) {
    return m.vm() + "#" + m.attempt();
  }

  private static String describe(Journal journal, Transition t, Instant now) {
    if (t.isUpgradeWide()) {
      String text = "upgrade " + (t.from().isEmpty() ? "" : t.from() + " -> ") + t.to();
      if (t.from().isEmpty()) {
        text +=
            "  to "
                + journal.upgrade().targetVersion()
                + ", order "
                + String.join(", ", journal.upgrade().order());
      }
      return text
          + t.failure().map(f -> "  (" + f.reason().code() + ": " + f.message() + ")").orElse("");
    }
    NodeRecord rec = journal.node(t.node()).orElseThrow();
    String head = node(t.node()) + t.to();
    if (NodeState.valueOf(t.to()) == NodeState.SUCCEEDED) {
      return head
          + "  in "
          + ProgressFormat.seconds(StepDurations.total(rec, now))
          + "  ("
          + ProgressFormat.finishedSteps(rec, now)
          + ")";
    }
    return head
        + t.failure()
            .map(f -> "  in " + f.step() + ": " + f.reason().code() + ": " + f.message())
            .orElse("");
  }

  private static String node(String name) {
    return String.format(Locale.ROOT, "%-12s ", name);
  }
}
