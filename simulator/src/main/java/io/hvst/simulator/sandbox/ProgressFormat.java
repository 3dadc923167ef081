package io.hvst.simulator.sandbox;

import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.StepDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The small pieces the progress lines and the table share: durations, steps, migrations. */
final class ProgressFormat {

  private ProgressFormat() {}

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0);
  }

  /** The steps a node finished, with their durations: {@code PRE_DRAIN 0.31s, DRAIN 1.20s}. */
  static String finishedSteps(NodeRecord rec, Instant now) {
    Map<NodeState, Duration> steps = StepDurations.of(rec, now);
    return steps.entrySet().stream()
        .filter(e -> e.getKey() != rec.state())
        .map(e -> e.getKey() + " " + seconds(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** How long the node has been in its current state. */
  static Duration inState(NodeRecord rec, Instant now) {
    return rec.enteredAt(rec.state()).map(at -> Duration.between(at, now)).orElse(Duration.ZERO);
  }

  static long migrationsDone(NodeRecord rec) {
    return rec.migrations().stream().filter(MigrationRecord::finished).count();
  }

  static long migrationsRunning(NodeRecord rec) {
    return rec.migrations().size() - migrationsDone(rec);
  }

  /** VMs that are stopped now (not yet started again). */
  static long vmsStopped(NodeRecord rec) {
    return rec.stoppedVms().stream().filter(s -> s.state() != StoppedVm.State.STARTED).count();
  }

  /** {@code vm default/vm-node-1-1 -> node-3 (0.31s)}, with the outcome when it failed. */
  static String migrationEnded(MigrationRecord m) {
    Duration took =
        m.startedAt() == null || m.finishedAt() == null
            ? Duration.ZERO
            : Duration.between(m.startedAt(), m.finishedAt());
    String failed =
        MigrationRecord.SUCCEEDED.equals(m.result())
            ? ""
            : " " + m.result() + (m.message().isEmpty() ? "" : ": " + m.message());
    return "vm " + m.vm() + " -> " + target(m) + " (" + seconds(took) + ")" + failed;
  }

  static String migrationStarted(MigrationRecord m) {
    return "vm "
        + m.vm()
        + " migrating"
        + (m.source().isEmpty() ? "" : " from " + m.source())
        + " -> "
        + target(m);
  }

  private static String target(MigrationRecord m) {
    return m.target().isEmpty() ? "?" : m.target();
  }
}
