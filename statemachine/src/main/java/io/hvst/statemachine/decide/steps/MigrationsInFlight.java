package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import java.util.HashSet;
import java.util.Set;

/** Which VMs already have a migration under way, and how many run in the whole cluster. */
final class MigrationsInFlight {

  private MigrationsInFlight() {}

  /** Our latest migration of the VM has not finished. */
  static boolean running(NodeRecord rec, VmView vm) {
    return MigrationFlow.latest(rec, vm.key()).map(m -> !m.finished()).orElse(false);
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

  /** Migrations running in the cluster: what KubeVirt shows, plus ours it does not show yet. */
  static int count(DrainPass pass) {
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
}
