package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.CancelMigration;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Takes back what a node's steps changed: migrations in flight, raised quotas, stopped VMs. */
public final class Undo {

  /** The record after this pass, and what to do. */
  public record Result(NodeRecord record, List<UpgradeAction> actions) {}

  private Undo() {}

  public static Result restoreQuotasAndVms(NodeRecord rec, ClusterSnapshot snapshot) {
    NodeRecord next = rec;
    List<UpgradeAction> actions = new ArrayList<>();
    for (MigrationRecord m : List.copyOf(next.migrations())) {
      if (!m.finished()) {
        String namespace = m.vm().substring(0, m.vm().indexOf('/'));
        actions.add(new CancelMigration(rec.name(), namespace, m.migration()));
        MigrationRecord cancelled =
            m.finish(MigrationRecord.FAILED, "cancelled", snapshot.observedAt());
        next =
            next.withMigrations(
                list -> {
                  list.set(list.indexOf(m), cancelled);
                  return list;
                });
      }
    }
    Set<String> vms =
        next.quotaChanges().stream()
            .filter(c -> c.state() != QuotaChange.State.RESTORED)
            .map(QuotaChange::vm)
            .collect(Collectors.toSet());
    for (String vm : vms) {
      QuotaOutcome r = QuotaRestore.restore(next, vm, snapshot, snapshot.observedAt());
      next = r.record();
      r.action().ifPresent(actions::add);
    }
    StopFlow.Result started = StopFlow.startAll(next, snapshot, snapshot.observedAt());
    actions.addAll(started.actions());
    return new Result(started.record(), actions);
  }

  /** True when nothing is owed any more. */
  public static boolean settled(NodeRecord rec) {
    return !QuotaRestore.anyUnrestored(rec)
        && rec.migrations().stream().allMatch(MigrationRecord::finished)
        && rec.stoppedVms().stream()
            .allMatch(s -> s.state() == io.hvst.statemachine.journal.StoppedVm.State.STARTED);
  }
}
