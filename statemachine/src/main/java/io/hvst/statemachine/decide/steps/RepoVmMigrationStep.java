package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeEvent;
import io.hvst.statemachine.placement.PlacementPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves Harvester's upgrade-repo VM off the node before anything else: to a compatible node
 * (preferably an upgraded one), retried a bounded number of times. It is never shut down unless the
 * policy allows it and no node can take it; then it is started again in POST_DRAIN.
 */
public final class RepoVmMigrationStep implements NodeStep {

  @Override
  public StepResult decide(StepContext ctx) {
    NodeRecord rec = ctx.record();
    if (ctx.node().isEmpty()) {
      return StepResult.fail(Reason.NODE_GONE, "Node " + rec.name() + " no longer exists.");
    }
    CordonGuard.Check cordon = CordonGuard.check(ctx, rec, ctx.node().get(), false);
    if (cordon.hold().isPresent()) {
      return cordon.hold().get();
    }
    rec = cordon.record();
    ctx = ctx.with(rec);
    Optional<VmView> repo = ctx.snapshot().repoVm(ctx.upgrade());
    if (repo.isEmpty()) {
      return StepResult.advance(
          NodeEvent.REPO_VM_SETTLED, StopFlow.confirmStopped(rec, ctx.snapshot(), ctx.now()));
    }
    VmView vm = repo.get();
    MigrationFlow.Result followed = MigrationFlow.follow(ctx, rec, vm);
    rec = followed.record();
    if (followed.status() == MigrationFlow.Status.RUNNING) {
      return migrating(ctx, rec, followed.actions(), followed.detail(), vm);
    }
    boolean due = QuotaRestore.due(rec, vm.key(), ctx.snapshot());
    QuotaOutcome restored =
        due
            ? QuotaRestore.restore(rec, vm.key(), ctx.snapshot(), ctx.now())
            : QuotaOutcome.ready(rec);
    rec = restored.record();
    if (!restored.ready()) {
      return StepResult.stay(
          rec, restored.waitFor().get(), restored.detail(), restored.action().orElseThrow());
    }
    if (!vm.nodeName().equals(rec.name())) {
      return StepResult.advance(NodeEvent.REPO_VM_SETTLED, rec);
    }
    if (followed.status() == MigrationFlow.Status.SUCCEEDED) {
      return StepResult.stay(
          rec,
          Reason.MIGRATION_IN_PROGRESS,
          vm.key() + " migrated; waiting for it to show on its new node.");
    }
    int attempts = ctx.policy().drain().migrationAttempts();
    if (followed.status() == MigrationFlow.Status.FAILED
        && MigrationFlow.failedAttempts(rec, vm.key()) >= attempts) {
      return StepResult.fail(
          Reason.REPO_VM_MIGRATION_FAILED,
          vm.key()
              + " could not be migrated off "
              + rec.name()
              + " in "
              + attempts
              + " attempts; last: "
              + followed.detail());
    }
    return startAttempt(ctx, rec, vm);
  }

  private static StepResult startAttempt(StepContext ctx, NodeRecord rec, VmView vm) {
    PlacementPlan plan = Placements.plan(ctx, List.of(vm));
    Optional<String> target = Optional.ofNullable(plan.targets().get(vm.key()));
    if (target.isEmpty()) {
      if (ctx.policy().drain().allowRepoVmShutdown() && StopFlow.vmKey(vm).isPresent()) {
        StopFlow.Result stop = StopFlow.stop(rec, vm, ctx.snapshot(), ctx.now());
        return StepResult.stay(
            stop.record(),
            Reason.VM_STOPPING,
            "No node can take "
                + vm.key()
                + "; stopping it (allowed by policy): "
                + plan.describeUnplaced(),
            stop.actions().toArray(UpgradeAction[]::new));
      }
      return StepResult.fail(Reason.NO_MIGRATION_TARGET, plan.describeUnplaced());
    }
    QuotaOutcome room =
        QuotaRaise.makeRoom(
            ctx.journal(), rec, vm, ctx.snapshot(), ctx.policy().drain(), ctx.now());
    if (!room.ready()) {
      return StepResult.stay(
          room.record(),
          room.waitFor().get(),
          room.detail(),
          room.action().stream().toArray(UpgradeAction[]::new));
    }
    MigrationFlow.Result started = MigrationFlow.start(ctx, room.record(), vm, target.get());
    return migrating(ctx, started.record(), started.actions(), started.detail(), vm);
  }

  private static StepResult migrating(
      StepContext ctx, NodeRecord rec, List<UpgradeAction> actions, String detail, VmView vm) {
    Optional<MigrationRecord> running = MigrationFlow.latest(rec, vm.key());
    List<UpgradeAction> all = new ArrayList<>(actions);
    Wait wait = new Wait(rec.name(), Reason.MIGRATION_IN_PROGRESS, detail);
    return new StepResult.Stay(
        rec, all, wait, running.map(m -> MigrationFlow.deadline(ctx, m, vm)));
  }
}
