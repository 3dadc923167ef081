package io.hvst.simulator.sandbox;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.status.StepDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live table: the upgrade's phase and elapsed time, then one line per node with its step, how
 * long it has been there, the steps it finished, its VMs and what it waits for. Pure: journal and
 * status in, lines out.
 */
final class ProgressTable {

  static final Set<UpgradePhase> ENDED =
      EnumSet.of(UpgradePhase.SUCCEEDED, UpgradePhase.FAILED, UpgradePhase.ABORTED);

  private ProgressTable() {}

  static List<String> render(
      String upgrade, Journal journal, Map<String, NodeWait> waits, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add(header(upgrade, journal, now));
    for (String name : journal.upgrade().order()) {
      journal
          .node(name)
          .ifPresent(rec -> lines.add(node(rec, waits.getOrDefault(name, NodeWait.NONE), now)));
    }
    return lines;
  }

  private static String header(String upgrade, Journal journal, Instant now) {
    var u = journal.upgrade();
    long done = journal.countIn(NodeState.SUCCEEDED);
    long migrated = journal.nodeRecords().stream().mapToLong(ProgressFormat::migrationsDone).sum();
    long moving = journal.nodeRecords().stream().mapToLong(ProgressFormat::migrationsRunning).sum();
    long stopped = journal.nodeRecords().stream().mapToLong(ProgressFormat::vmsStopped).sum();
    return String.format(
        Locale.ROOT,
        "upgrade %s %s -> %s  %s %s  nodes %d/%d done  migrations %d done, %d running"
            + "  VMs stopped %d",
        upgrade,
        u.previousVersion().isEmpty() ? "?" : u.previousVersion(),
        u.targetVersion(),
        u.phase(),
        ProgressFormat.seconds(elapsed(journal, now)),
        done,
        journal.nodeRecords().size(),
        migrated,
        moving,
        stopped);
  }

  /** From the Upgrade's first phase to now, or to the phase it ended in. */
  static Duration elapsed(Journal journal, Instant now) {
    var u = journal.upgrade();
    Instant start = u.entered().values().stream().min(Instant::compareTo).orElse(now);
    Instant end = ENDED.contains(u.phase()) ? u.enteredAt(u.phase()).orElse(now) : now;
    return Duration.between(start, end);
  }

  private static String node(NodeRecord rec, NodeWait wait, Instant now) {
    boolean active = rec.state().isStep() || rec.state() == NodeState.PAUSED;
    String time =
        rec.state() == NodeState.SUCCEEDED
            ? "total " + ProgressFormat.seconds(StepDurations.total(rec, now))
            : active ? ProgressFormat.seconds(ProgressFormat.inState(rec, now)) : "";
    String vms =
        rec.migrations().isEmpty() && rec.stoppedVms().isEmpty()
            ? ""
            : String.format(
                Locale.ROOT,
                "vms %d moved, %d moving, %d stopped",
                ProgressFormat.migrationsDone(rec),
                ProgressFormat.migrationsRunning(rec),
                ProgressFormat.vmsStopped(rec));
    String steps = ProgressFormat.finishedSteps(rec, now);
    String why =
        rec.state() == NodeState.FAILED && rec.failure() != null
            ? "failed: " + rec.failure().reason().code() + ": " + rec.failure().message()
            : active && !wait.isEmpty() ? "waits: " + wait.describe() : "";
    // What the node waits for comes before the finished steps: a narrow terminal clips the end.
    String tail = steps.isEmpty() ? why : (why.isEmpty() ? "" : why + "  ") + "[" + steps + "]";
    return String.format(
            Locale.ROOT, "  %-12s %-18s %-12s %-34s %s", rec.name(), rec.state(), time, vms, tail)
        .stripTrailing();
  }
}
