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
      return follow(
          rec, active.get(), snapshot, now, vm.requests().plus(policy.launcherOverhead()));
    }
    // The record being built in this pass may already hold another VM's raise.
    Journal current = journal.with(rec);
    for (QuotaView q : snapshot.quotasIn(vm.namespace())) {
      if (busy(current, q, vm.key())) {
        return waiting(
            rec,
            Reason.QUOTA_ADJUSTING,
            "Waiting for another migration holding a raise of ResourceQuota " + q.key() + ".");
      }
    }
    Resources pod = vm.requests().plus(policy.launcherOverhead());
    List<QuotaHeadroom.Raise> raises =
        QuotaHeadroom.raises(
            snapshot.quotasIn(vm.namespace()), pod, pendingPods(current, vm, snapshot, policy));
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

  /**
   * True when the change may be taken back: a restore is under way, the VM left the node (or is
   * gone), or a migration that started after the raise has ended. A raise made for a migration that
   * has not started yet is kept.
   */
  static boolean restorable(QuotaChange change, NodeRecord rec, ClusterSnapshot snapshot) {
    if (change.state() == State.RESTORED) {
      return false;
    }
    if (change.state() == State.RESTORING) {
      return true;
    }
    boolean stillHere =
        snapshot.vms().stream()
            .anyMatch(v -> v.key().equals(change.vm()) && v.nodeName().equals(rec.name()));
    boolean ended =
        rec.migrations().stream()
            .anyMatch(
                m ->
                    m.vm().equals(change.vm())
                        && m.finished()
                        && m.startedAt() != null
                        && !m.startedAt().isBefore(change.at()));
    return !stillHere || ended;
  }

  /** True when some quota change of the VM may be taken back now. */
  static boolean due(NodeRecord rec, String vmKey, ClusterSnapshot snapshot) {
    return rec.quotaChanges().stream()
        .anyMatch(c -> c.vm().equals(vmKey) && restorable(c, rec, snapshot));
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
      if (change.state() == State.RAISING && !observed.equals(change.raisedTo())) {
        // Our raise never landed: nothing of ours to take back.
        return restore(
            replace(rec, change, change.in(State.RESTORED, Map.of(), now)), vmKey, snapshot, now);
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
      NodeRecord rec, QuotaChange change, ClusterSnapshot snapshot, Instant now, Resources pod) {
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
    Map<String, Long> enforced =
        QuotaHeadroom.pick(quota.get().enforced(), change.delta().keySet());
    if (observed.equals(change.raisedTo()) && enforced.equals(change.raisedTo())) {
      return new Result(
          replace(rec, change, change.in(State.RAISED, null, now)),
          Optional.empty(),
          Optional.empty(),
          "");
    }
    boolean roomAnyway =
        QuotaHeadroom.raises(List.of(quota.get()), pod).isEmpty()
            && !observed.equals(change.raisedTo());
    if (roomAnyway) {
      // Someone else changed the quota before our raise landed, and made room: ours is not
      // needed, and there is nothing of ours to take back.
      return new Result(
          replace(rec, change, change.in(State.RESTORED, Map.of(), now)),
          Optional.empty(),
          Optional.empty(),
          "");
    }
    if (observed.equals(change.raisedTo())) {
      // Admission enforces status.hard, which the quota controller copies from spec a little later.
      return new Result(
          rec,
          Optional.empty(),
          Optional.of(Reason.QUOTA_ADJUSTING),
          "Waiting for ResourceQuota " + change.key() + " to enforce the raise.");
    }
    return new Result(
        rec,
        Optional.of(set(rec, change, change.raisedTo(), change.original())),
        Optional.of(Reason.QUOTA_ADJUSTING),
        "Raising ResourceQuota " + change.key() + ".");
  }

  /**
   * Target pods of our other migrations into the VM's namespace still under way, this pass's
   * included: the quota may not count them yet. Counting one it already counts only asks for a
   * raise a little early.
   */
  private static List<Resources> pendingPods(
      Journal journal, VmView vm, ClusterSnapshot snapshot, DrainPolicy policy) {
    return journal.nodeRecords().stream()
        .flatMap(r -> r.migrations().stream())
        .filter(m -> !m.finished() && !m.vm().equals(vm.key()))
        .flatMap(m -> snapshot.vms().stream().filter(v -> v.key().equals(m.vm())))
        .filter(v -> v.namespace().equals(vm.namespace()))
        .map(v -> v.requests().plus(policy.launcherOverhead()))
        .toList();
  }

  private static Optional<QuotaChange> active(NodeRecord rec, VmView vm) {
    return rec.quotaChanges().stream()
        .filter(
            c ->
                c.vm().equals(vm.key())
                    && (c.state() == State.RAISING || c.state() == State.RAISED))
        .findFirst();
  }

  /**
   * Another VM holds a raise of this quota (raising, raised, or being restored). Migrations that
   * need the same quota go one at a time: the quota's used amount lags behind the target pods, so
   * two raises computed side by side would step on each other.
   */
  private static boolean busy(Journal journal, QuotaView quota, String vm) {
    return journal.nodeRecords().stream()
        .flatMap(r -> r.quotaChanges().stream())
        .anyMatch(
            c -> c.key().equals(quota.key()) && !c.vm().equals(vm) && c.state() != State.RESTORED);
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
