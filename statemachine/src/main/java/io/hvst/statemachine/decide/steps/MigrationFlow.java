package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.CancelMigration;
import io.hvst.statemachine.decide.UpgradeAction.MigrateVm;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One VM's live migration off a node: started (journaled first, then the migration object is
 * created or adopted), followed until KubeVirt reports Succeeded or Failed, cancelled when it
 * exceeds its memory-derived timeout.
 */
final class MigrationFlow {

  /** Where one VM's latest migration stands. */
  enum Status {
    NONE,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /** The node record after following, what to do, and the VM's status. */
  record Result(NodeRecord record, List<UpgradeAction> actions, Status status, String detail) {}

  private MigrationFlow() {}

  static Optional<MigrationRecord> latest(NodeRecord rec, String vmKey) {
    return rec.migrations().stream()
        .filter(m -> m.vm().equals(vmKey))
        .max(Comparator.comparingInt(MigrationRecord::attempt));
  }

  static long failedAttempts(NodeRecord rec, String vmKey) {
    return rec.migrations().stream()
        .filter(m -> m.vm().equals(vmKey) && MigrationRecord.FAILED.equals(m.result()))
        .count();
  }

  /** Records the migration before it exists, and asks for it. */
  static Result start(StepContext ctx, NodeRecord rec, VmView vm, String target) {
    int attempt = latest(rec, vm.key()).map(m -> m.attempt() + 1).orElse(1);
    String name = ResourceNames.migration(ctx.upgrade().name(), vm.name(), rec.name(), attempt);
    MigrationRecord started =
        new MigrationRecord(vm.key(), name, rec.name(), target, attempt, ctx.now(), null, "", "");
    NodeRecord next =
        rec.withMigrations(
            list -> {
              list.add(started);
              return list;
            });
    return new Result(
        next,
        List.of(migrate(ctx, started, vm)),
        Status.RUNNING,
        "Migrating " + vm.key() + " to " + target + ".");
  }

  /** Follows the VM's latest migration, finishing its record when KubeVirt says it ended. */
  static Result follow(StepContext ctx, NodeRecord rec, VmView vm) {
    Optional<MigrationRecord> latest = latest(rec, vm.key());
    if (latest.isEmpty()) {
      return new Result(rec, List.of(), Status.NONE, "");
    }
    MigrationRecord m = latest.get();
    Optional<MigrationView> stillRunning =
        ctx.snapshot().migration(vm.namespace(), m.migration()).filter(o -> !o.finished());
    if (MigrationRecord.FAILED.equals(m.result()) && stillRunning.isPresent()) {
      // We gave up on it (a timeout), but the cancel may not have reached KubeVirt.
      return new Result(
          rec,
          List.of(new CancelMigration(rec.name(), vm.namespace(), m.migration())),
          Status.RUNNING,
          "Cancelling the abandoned migration " + m.migration() + " of " + vm.key() + ".");
    }
    if (m.finished()) {
      return new Result(
          rec,
          List.of(),
          MigrationRecord.SUCCEEDED.equals(m.result()) ? Status.SUCCEEDED : Status.FAILED,
          m.message());
    }
    Optional<MigrationView> observed = ctx.snapshot().migration(vm.namespace(), m.migration());
    boolean moved = !vm.nodeName().equals(m.source()) && !vm.migrating();
    if (observed.map(MigrationView::succeeded).orElse(false)
        || (moved && observed.map(o -> !o.failed()).orElse(true))) {
      return finished(rec, m, MigrationRecord.SUCCEEDED, "", ctx.now());
    }
    if (observed.map(MigrationView::failed).orElse(false)) {
      String why =
          observed.get().failureReason().isBlank()
              ? "the migration failed"
              : observed.get().failureReason();
      return finished(rec, m, MigrationRecord.FAILED, why, ctx.now());
    }
    Duration timeout = ctx.policy().drain().migrationTimeout(vm.requests().memoryBytes());
    if (!ctx.now().isBefore(m.startedAt().plus(timeout))) {
      Result r =
          finished(rec, m, MigrationRecord.FAILED, "did not finish within " + timeout, ctx.now());
      return new Result(
          r.record(),
          List.of(new CancelMigration(rec.name(), vm.namespace(), m.migration())),
          Status.FAILED,
          r.detail());
    }
    List<UpgradeAction> actions = observed.isEmpty() ? List.of(migrate(ctx, m, vm)) : List.of();
    String phase = observed.map(MigrationView::phase).orElse("Pending");
    return new Result(
        rec,
        actions,
        Status.RUNNING,
        "Migrating " + vm.key() + " to " + m.target() + " (" + phase + ").");
  }

  /** When the VM's running migration times out. */
  static Instant deadline(StepContext ctx, MigrationRecord m, VmView vm) {
    return m.startedAt().plus(ctx.policy().drain().migrationTimeout(vm.requests().memoryBytes()));
  }

  private static Result finished(
      NodeRecord rec, MigrationRecord m, String result, String why, Instant now) {
    NodeRecord next =
        rec.withMigrations(
            list -> {
              list.set(list.indexOf(m), m.finish(result, why, now));
              return list;
            });
    Status status = MigrationRecord.SUCCEEDED.equals(result) ? Status.SUCCEEDED : Status.FAILED;
    return new Result(next, List.of(), status, why);
  }

  private static MigrateVm migrate(StepContext ctx, MigrationRecord m, VmView vm) {
    Map<String, String> labels =
        Map.of(
            ResourceNames.MANAGED_BY_LABEL, ResourceNames.MANAGED_BY,
            ResourceNames.UPGRADE_LABEL, ctx.upgrade().name(),
            ResourceNames.NODE_LABEL, m.source());
    return new MigrateVm(m.source(), vm.namespace(), vm.name(), m.migration(), m.target(), labels);
  }
}
