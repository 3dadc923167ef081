package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.placement.Placement;
import io.hvst.statemachine.placement.PlacementPlan;
import io.hvst.statemachine.policy.DrainPolicy;
import java.util.HashSet;
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
            .filter(vm -> !running(pass.rec, vm) && !settling(pass, vm) && !abandoned(pass, vm))
            .toList();
    startMigrations(pass, movable, outbound);
    handleStuck(pass, here.stream().filter(vm -> !vm.movesByMigration()).toList());
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
    if (movable.isEmpty()) {
      return;
    }
    DrainPolicy policy = pass.ctx.policy().drain();
    for (VmView vm : movable) {
      if (MigrationFlow.failedAttempts(pass.rec, vm.key()) >= policy.migrationAttempts()) {
        String last =
            MigrationFlow.latest(pass.rec, vm.key()).map(MigrationRecord::message).orElse("");
        pass.fail(
            Reason.MIGRATION_FAILED,
            vm.key()
                + " could not be migrated off "
                + pass.rec.name()
                + " in "
                + policy.migrationAttempts()
                + " attempts; last: "
                + last);
        return;
      }
    }
    PlacementPlan plan = Placements.plan(pass.ctx, movable);
    List<VmView> homeless = plan.unplaced().stream().map(Placement::vm).toList();
    if (!homeless.isEmpty()) {
      if (!homeless.stream().allMatch(vm -> stoppable(pass.ctx, vm))) {
        pass.fail(Reason.NO_MIGRATION_TARGET, plan.describeUnplaced());
        return;
      }
      // No node can take them, and the policy accepts downtime: stop them like non-migratable VMs.
      handleStuck(pass, homeless);
      movable = movable.stream().filter(vm -> !homeless.contains(vm)).toList();
    }
    int free =
        Math.min(
            policy.maxParallelMigrations() - inFlight(pass),
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

  private static void handleStuck(DrainPass pass, List<VmView> stuck) {
    for (VmView vm : stuck) {
      if (stoppable(pass.ctx, vm)) {
        StopFlow.Result r = StopFlow.stop(pass.rec, vm, pass.ctx.snapshot(), pass.ctx.now());
        pass.rec = r.record();
        pass.actions.addAll(r.actions());
        pass.waitFor(Reason.VM_STOPPING, "Stopping " + vm.key() + " (" + why(vm) + ").");
      } else {
        pass.waitFor(
            Reason.NON_MIGRATABLE_VMS,
            vm.key()
                + " cannot be live-migrated ("
                + why(vm)
                + "); move or stop it, or set the non-migratable policy to Stop.");
      }
    }
  }

  /** The policy lets us stop this VM (and it has a VirtualMachine to start it again). */
  static boolean stoppable(io.hvst.statemachine.decide.StepContext ctx, VmView vm) {
    boolean repoAllowed = vm.isRepoVm() && ctx.policy().drain().allowRepoVmShutdown();
    boolean stopPolicy =
        ctx.policy().drain().nonMigratable() == DrainPolicy.NonMigratablePolicy.STOP
            && !vm.isRepoVm();
    return (repoAllowed || stopPolicy) && StopFlow.vmKey(vm).isPresent();
  }

  static String why(VmView vm) {
    if (vm.movesByMigration()) {
      return "no node can take it";
    }
    if (!vm.liveMigratable()) {
      return vm.notMigratableReason().isEmpty() ? "not live-migratable" : vm.notMigratableReason();
    }
    return "evictionStrategy " + vm.evictionStrategy();
  }

  /** KubeVirt said the migration succeeded, but the VMI does not show its new node yet. */
  static boolean settling(DrainPass pass, VmView vm) {
    boolean settling =
        MigrationFlow.latest(pass.rec, vm.key())
            .map(m -> MigrationRecord.SUCCEEDED.equals(m.result()))
            .orElse(false);
    if (settling) {
      pass.waitFor(
          Reason.MIGRATION_IN_PROGRESS,
          vm.key() + " migrated; waiting for it to show on its new node.");
    }
    return settling;
  }

  /** A failed attempt whose migration still runs in KubeVirt: cancel it before trying again. */
  static boolean abandoned(DrainPass pass, VmView vm) {
    boolean failed =
        MigrationFlow.latest(pass.rec, vm.key())
            .map(m -> MigrationRecord.FAILED.equals(m.result()))
            .orElse(false);
    if (!failed) {
      return false;
    }
    MigrationFlow.Result r = MigrationFlow.follow(pass.ctx, pass.rec, vm);
    if (r.status() != MigrationFlow.Status.RUNNING) {
      return false;
    }
    pass.actions.addAll(r.actions());
    pass.waitFor(Reason.MIGRATION_IN_PROGRESS, r.detail());
    return true;
  }

  private static boolean running(NodeRecord rec, VmView vm) {
    return MigrationFlow.latest(rec, vm.key()).map(m -> !m.finished()).orElse(false);
  }

  /** Migrations running in the cluster: what KubeVirt shows, plus ours it does not show yet. */
  private static int inFlight(DrainPass pass) {
    Set<String> names = new HashSet<>();
    pass.ctx.snapshot().migrations().values().stream()
        .filter(m -> !m.finished())
        .map(MigrationView::key)
        .forEach(names::add);
    pass.ctx.journal().nodeRecords().stream()
        .map(r -> r.name().equals(pass.rec.name()) ? pass.rec : r)
        .flatMap(r -> r.migrations().stream())
        .filter(m -> !m.finished())
        .forEach(m -> names.add(m.vm().substring(0, m.vm().indexOf('/')) + "/" + m.migration()));
    return names.size();
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
