package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.SetQuota;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.journal.QuotaChange.State;
import io.hvst.statemachine.plan.QuotaHeadroom;
import io.hvst.statemachine.policy.DrainPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quota headroom for one VM's migration target pod. Each change is journaled in the state it is
 * about to leave (RAISING before the raise, RESTORING before the restore) and written as an
 * absolute compare-and-swap, so a restart repeats nothing: an observed quota equal to the journaled
 * target proves the write happened. Only our delta is ever taken back.
 */
final class QuotaFlow {

  /** What the quota side of one VM's migration decided. */
  record Result(
      NodeRecord record, Optional<UpgradeAction> action, Optional<Reason> waitFor, String detail) {
    boolean ready() {
      return waitFor.isEmpty();
    }
  }

  private QuotaFlow() {}

  /** Makes room for the VM's target pod; ready when no quota stands in the way. */
  static Result makeRoom(
      Journal journal,
      NodeRecord rec,
      VmView vm,
      ClusterSnapshot snapshot,
      DrainPolicy policy,
      Instant now) {
    Optional<QuotaChange> active = active(rec, vm);
    if (active.isPresent()) {
      return follow(rec, active.get(), snapshot, now);
    }
    Resources pod = vm.requests().plus(policy.launcherOverhead());
    List<QuotaHeadroom.Raise> raises = QuotaHeadroom.raises(snapshot.quotasIn(vm.namespace()), pod);
    if (raises.isEmpty()) {
      return new Result(rec, Optional.empty(), Optional.empty(), "");
    }
    QuotaHeadroom.Raise raise = raises.get(0);
    QuotaView quota = raise.quota();
    if (!policy.raiseQuota()
        || "true".equals(quota.annotations().get(DrainPolicy.NO_QUOTA_RAISE_ANNOTATION))) {
      return waiting(
          rec,
          Reason.QUOTA_FULL,
          "ResourceQuota "
              + quota.key()
              + " has no room for the target pod of "
              + vm.key()
              + " (needs "
              + raise.delta()
              + ") and may not be raised.");
    }
    if (busy(journal, quota)) {
      return waiting(
          rec,
          Reason.QUOTA_ADJUSTING,
          "Waiting for another change to ResourceQuota " + quota.key() + ".");
    }
    Map<String, Long> original = QuotaHeadroom.pick(quota.hard(), raise.delta().keySet());
    Map<String, Long> raisedTo = QuotaHeadroom.shift(original, raise.delta(), 1);
    QuotaChange change =
        new QuotaChange(
            quota.namespace(),
            quota.name(),
            vm.key(),
            raise.delta(),
            original,
            raisedTo,
            null,
            State.RAISING,
            now);
    NodeRecord next = rec.withQuotaChanges(list -> add(list, change));
    return new Result(
        next,
        Optional.of(set(rec, change, raisedTo, original)),
        Optional.of(Reason.QUOTA_ADJUSTING),
        "Raising ResourceQuota " + quota.key() + " by " + raise.delta() + " for " + vm.key() + ".");
  }

  /** Takes our delta back from every quota raised for the VM; ready when all are restored. */
  static Result restore(NodeRecord rec, String vmKey, ClusterSnapshot snapshot, Instant now) {
    for (QuotaChange change : rec.quotaChanges()) {
      if (!change.vm().equals(vmKey) || change.state() == State.RESTORED) {
        continue;
      }
      Optional<QuotaView> quota = find(snapshot, change);
      if (quota.isEmpty()) {
        NodeRecord next = replace(rec, change, change.in(State.RESTORED, change.restoreTo(), now));
        return restore(next, vmKey, snapshot, now);
      }
      Map<String, Long> observed = QuotaHeadroom.pick(quota.get().hard(), change.delta().keySet());
      if (change.state() == State.RESTORING) {
        if (observed.equals(change.restoreTo())) {
          return restore(
              replace(rec, change, change.in(State.RESTORED, change.restoreTo(), now)),
              vmKey,
              snapshot,
              now);
        }
        return new Result(
            rec,
            Optional.of(set(rec, change, change.restoreTo(), observed)),
            Optional.of(Reason.QUOTA_ADJUSTING),
            "Restoring ResourceQuota " + change.key() + ".");
      }
      Map<String, Long> restoreTo = QuotaHeadroom.shift(observed, change.delta(), -1);
      QuotaChange restoring = change.in(State.RESTORING, restoreTo, now);
      return new Result(
          replace(rec, change, restoring),
          Optional.of(set(rec, restoring, restoreTo, observed)),
          Optional.of(Reason.QUOTA_ADJUSTING),
          "Restoring ResourceQuota " + change.key() + ".");
    }
    return new Result(rec, Optional.empty(), Optional.empty(), "");
  }

  /** Quota changes of this node not yet restored. */
  static boolean anyUnrestored(NodeRecord rec) {
    return rec.quotaChanges().stream().anyMatch(c -> c.state() != State.RESTORED);
  }

  private static Result follow(
      NodeRecord rec, QuotaChange change, ClusterSnapshot snapshot, Instant now) {
    if (change.state() != State.RAISING) {
      return new Result(rec, Optional.empty(), Optional.empty(), "");
    }
    Optional<QuotaView> quota = find(snapshot, change);
    if (quota.isEmpty()) {
      return new Result(
          replace(rec, change, change.in(State.RESTORED, Map.of(), now)),
          Optional.empty(),
          Optional.empty(),
          "");
    }
    Map<String, Long> observed = QuotaHeadroom.pick(quota.get().hard(), change.delta().keySet());
    if (observed.equals(change.raisedTo())) {
      return new Result(
          replace(rec, change, change.in(State.RAISED, null, now)),
          Optional.empty(),
          Optional.empty(),
          "");
    }
    return new Result(
        rec,
        Optional.of(set(rec, change, change.raisedTo(), change.original())),
        Optional.of(Reason.QUOTA_ADJUSTING),
        "Raising ResourceQuota " + change.key() + ".");
  }

  private static Optional<QuotaChange> active(NodeRecord rec, VmView vm) {
    return rec.quotaChanges().stream()
        .filter(
            c ->
                c.vm().equals(vm.key())
                    && (c.state() == State.RAISING || c.state() == State.RAISED))
        .findFirst();
  }

  private static boolean busy(Journal journal, QuotaView quota) {
    return journal.nodeRecords().stream()
        .flatMap(r -> r.quotaChanges().stream())
        .anyMatch(
            c ->
                c.key().equals(quota.key())
                    && (c.state() == State.RAISING || c.state() == State.RESTORING));
  }

  private static Optional<QuotaView> find(ClusterSnapshot snapshot, QuotaChange change) {
    return snapshot.quotasIn(change.namespace()).stream()
        .filter(q -> q.name().equals(change.quota()))
        .findFirst();
  }

  private static SetQuota set(
      NodeRecord rec, QuotaChange change, Map<String, Long> hard, Map<String, Long> expected) {
    return new SetQuota(rec.name(), change.namespace(), change.quota(), hard, expected);
  }

  private static Result waiting(NodeRecord rec, Reason reason, String detail) {
    return new Result(rec, Optional.empty(), Optional.of(reason), detail);
  }

  private static List<QuotaChange> add(List<QuotaChange> list, QuotaChange change) {
    list.add(change);
    return list;
  }

  private static NodeRecord replace(NodeRecord rec, QuotaChange old, QuotaChange now) {
    return rec.withQuotaChanges(
        list -> {
          list.set(list.indexOf(old), now);
          return list;
        });
  }
}
