package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.NodeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What one drain pass has decided so far: the record, actions, what it waits for, or a failure. */
final class DrainPass {

  private static final List<Reason> PRIORITY =
      List.of(
          Reason.EVICTION_BLOCKED_BY_PDB,
          Reason.NON_MIGRATABLE_VMS,
          Reason.QUOTA_FULL,
          Reason.MIGRATION_IN_PROGRESS,
          Reason.QUOTA_ADJUSTING,
          Reason.MIGRATION_SLOTS_FULL,
          Reason.VM_STOPPING,
          Reason.EVICTING_PODS);

  final StepContext ctx;
  NodeRecord rec;
  final List<UpgradeAction> actions = new ArrayList<>();
  private final List<Wait> waits = new ArrayList<>();
  private final List<Instant> wakes = new ArrayList<>();
  private StepResult failure;
  boolean overtime;

  DrainPass(StepContext ctx) {
    this.ctx = ctx;
    this.rec = ctx.record();
  }

  void waitFor(Reason reason, String detail) {
    waits.add(new Wait(rec.name(), reason, detail));
  }

  void wakeAt(Instant at) {
    wakes.add(at);
  }

  void fail(Reason reason, String detail) {
    if (failure == null) {
      failure = StepResult.fail(reason, detail);
    }
  }

  boolean failed() {
    return failure != null;
  }

  boolean waiting() {
    return !waits.isEmpty();
  }

  StepResult result() {
    if (failure != null) {
      return failure;
    }
    Wait first = waits.stream().min(Comparator.comparingInt(w -> rank(w.reason()))).orElseThrow();
    String detail =
        waits.stream().map(Wait::detail).distinct().limit(6).collect(Collectors.joining(" "));
    Optional<Instant> wake = wakes.stream().min(Comparator.naturalOrder());
    return new StepResult.Stay(
        rec, actions, new Wait(rec.name(), first.reason(), detail), wake, overtime);
  }

  private static int rank(Reason reason) {
    int at = PRIORITY.indexOf(reason);
    return at < 0 ? PRIORITY.size() : at;
  }
}
