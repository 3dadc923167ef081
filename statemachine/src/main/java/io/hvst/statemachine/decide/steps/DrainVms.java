package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.placement.Placement;
import io.hvst.statemachine.placement.PlacementPlan;
import io.hvst.statemachine.policy.DrainPolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The VM half of a drain: follows running migrations, starts new ones within KubeVirt's parallel
 * limits (to planned, compatible targets, with quota headroom), restores quotas as migrations end,
 * and stops (or blocks on) VMs that cannot migrate, as the policy says.
 */
final class DrainVms {

  private DrainVms() {}

  static void apply(DrainPass pass) {
    int outbound = followRunning(pass);
    restoreQuotas(pass);
    List<VmView> here =
        pass.ctx.snapshot().vmsOn(pass.rec.name()).stream().filter(DrainVms::occupies).toList();
    List<VmView> movable =
        here.stream()
            .filter(VmView::movesByMigration)
            .filter(
                vm ->
                    !MigrationsInFlight.running(pass.rec, vm)
                        && !MigrationsInFlight.settling(pass, vm)
                        && !MigrationsInFlight.abandoned(pass, vm))
            .toList();
    startMigrations(pass, movable, outbound);
    StuckVms.handle(pass, here.stream().filter(vm -> !vm.movesByMigration()).toList());
    pass.rec = StopFlow.confirmStopped(pass.rec, pass.ctx.snapshot(), pass.ctx.now());
  }

  /** True while a VMI still holds the node (scheduled or running there). */
  static boolean occupies(VmView vm) {
    return !"Succeeded".equals(vm.phase()) && !"Failed".equals(vm.phase());
  }

  private static int followRunning(DrainPass pass) {
    int outbound = 0;
    for (MigrationRecord m : List.copyOf(pass.rec.migrations())) {
      if (m.finished()) {
        continue;
      }
      Optional<VmView> vm = vmOf(pass, m.vm());
      if (vm.isEmpty()) {
        pass.rec = finish(pass.rec, m, "the VMI no longer exists", pass);
        continue;
      }
      MigrationFlow.Result r = MigrationFlow.follow(pass.ctx, pass.rec, vm.get());
      pass.rec = r.record();
      pass.actions.addAll(r.actions());
      if (r.status() == MigrationFlow.Status.RUNNING) {
        outbound++;
        pass.waitFor(Reason.MIGRATION_IN_PROGRESS, r.detail());
        pass.wakeAt(MigrationFlow.deadline(pass.ctx, m, vm.get()));
      }
    }
    return outbound;
  }

  private static void restoreQuotas(DrainPass pass) {
    Set<String> vms =
        pass.rec.quotaChanges().stream()
            .filter(c -> c.state() != QuotaChange.State.RESTORED)
            .map(QuotaChange::vm)
            .collect(Collectors.toSet());
    for (String vmKey : vms) {
      boolean due = QuotaRestore.due(pass.rec, vmKey, pass.ctx.snapshot());
      if (!due) {
        continue;
      }
      QuotaOutcome r = QuotaRestore.restore(pass.rec, vmKey, pass.ctx.snapshot(), pass.ctx.now());
      pass.rec = r.record();
      r.action().ifPresent(pass.actions::add);
      r.waitFor().ifPresent(reason -> pass.waitFor(reason, r.detail()));
    }
  }

  private static void startMigrations(DrainPass pass, List<VmView> movable, int outbound) {
    if (movable.isEmpty() || attemptsExhausted(pass, movable)) {
      return;
    }
    DrainPolicy policy = pass.ctx.policy().drain();
    PlacementPlan plan = Placements.plan(pass.ctx, movable);
    List<VmView> homeless = plan.unplaced().stream().map(Placement::vm).toList();
    if (!homeless.isEmpty()) {
      if (!homeless.stream().allMatch(vm -> StuckVms.stoppable(pass.ctx, vm))) {
        pass.fail(Reason.NO_MIGRATION_TARGET, plan.describeUnplaced());
        return;
      }
      // No node can take them, and the policy accepts downtime: stop them like non-migratable VMs.
      StuckVms.handle(pass, homeless);
      movable = movable.stream().filter(vm -> !homeless.contains(vm)).toList();
    }
    int free =
        Math.min(
            policy.maxParallelMigrations() - MigrationsInFlight.count(pass),
            policy.maxOutboundPerNode() - outbound);
    int started = 0;
    for (VmView vm : movable) {
      if (started >= free) {
        pass.waitFor(
            Reason.MIGRATION_SLOTS_FULL,
            (movable.size() - started) + " VMs wait for a migration slot.");
        return;
      }
      QuotaOutcome room =
          QuotaRaise.makeRoom(
              pass.ctx.journal(), pass.rec, vm, pass.ctx.snapshot(), policy, pass.ctx.now());
      pass.rec = room.record();
      room.action().ifPresent(pass.actions::add);
      if (!room.ready()) {
        pass.waitFor(room.waitFor().get(), room.detail());
        continue;
      }
      MigrationFlow.Result r =
          MigrationFlow.start(pass.ctx, pass.rec, vm, plan.targets().get(vm.key()));
      pass.rec = r.record();
      pass.actions.addAll(r.actions());
      pass.waitFor(Reason.MIGRATION_IN_PROGRESS, r.detail());
      started++;
    }
  }

  /** Fails the node when some VM used up its migration attempts; true when it did. */
  private static boolean attemptsExhausted(DrainPass pass, List<VmView> movable) {
    int attempts = pass.ctx.policy().drain().migrationAttempts();
    for (VmView vm : movable) {
      if (MigrationFlow.failedAttempts(pass.rec, vm.key()) >= attempts) {
        String last =
            MigrationFlow.latest(pass.rec, vm.key()).map(MigrationRecord::message).orElse("");
        pass.fail(
            Reason.MIGRATION_FAILED,
            String.format(
                "%s could not be migrated off %s in %d attempts; last: %s",
                vm.key(), pass.rec.name(), attempts, last));
        return true;
      }
    }
    return false;
  }

  private static Optional<VmView> vmOf(DrainPass pass, String key) {
    return pass.ctx.snapshot().vms().stream().filter(v -> v.key().equals(key)).findFirst();
  }

  private static NodeRecord finish(NodeRecord rec, MigrationRecord m, String why, DrainPass pass) {
    return rec.withMigrations(
        list -> {
          list.set(list.indexOf(m), m.finish(MigrationRecord.FAILED, why, pass.ctx.now()));
          return list;
        });
  }
}
