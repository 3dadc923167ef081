package io.hvst.statemachine.decide.steps;

import static io.hvst.statemachine.decide.steps.QuotaChanges.add;
import static io.hvst.statemachine.decide.steps.QuotaChanges.find;
import static io.hvst.statemachine.decide.steps.QuotaChanges.replace;
import static io.hvst.statemachine.decide.steps.QuotaChanges.set;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
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
 * Quota headroom for one VM's migration target pod. Each raise is journaled (RAISING) before it is
 * written, as an absolute compare-and-swap, so a restart repeats nothing: an observed quota equal
 * to the journaled target proves the write happened. {@link QuotaRestore} takes it back.
 */
final class QuotaRaise {

  private QuotaRaise() {}

  /** Makes room for the VM's target pod; ready when no quota stands in the way. */
  static QuotaOutcome makeRoom(
      Journal journal,
      NodeRecord rec,
      VmView vm,
      ClusterSnapshot snapshot,
      DrainPolicy policy,
      Instant now) {
    Resources pod = vm.requests().plus(policy.launcherOverhead());
    Optional<QuotaChange> active = active(rec, vm);
    if (active.isPresent()) {
      return follow(rec, active.get(), snapshot, now, pod);
    }
    // The record being built in this pass may already hold another VM's raise.
    Journal current = journal.with(rec);
    for (QuotaView q : snapshot.quotasIn(vm.namespace())) {
      if (busy(current, q, vm.key())) {
        return QuotaOutcome.waiting(
            rec,
            Reason.QUOTA_ADJUSTING,
            "Waiting for another migration holding a raise of ResourceQuota " + q.key() + ".");
      }
    }
    List<QuotaHeadroom.Raise> raises =
        QuotaHeadroom.raises(
            snapshot.quotasIn(vm.namespace()), pod, pendingPods(current, vm, snapshot, policy));
    return raises.isEmpty() ? QuotaOutcome.ready(rec) : raise(rec, vm, raises.get(0), policy, now);
  }

  private static QuotaOutcome raise(
      NodeRecord rec, VmView vm, QuotaHeadroom.Raise raise, DrainPolicy policy, Instant now) {
    QuotaView quota = raise.quota();
    if (!policy.raiseQuota()
        || "true".equals(quota.annotations().get(DrainPolicy.NO_QUOTA_RAISE_ANNOTATION))) {
      return QuotaOutcome.waiting(
          rec,
          Reason.QUOTA_FULL,
          String.format(
              "ResourceQuota %s has no room for the target pod of %s (needs %s) and may not be"
                  + " raised.",
              quota.key(), vm.key(), raise.delta()));
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
    return QuotaOutcome.adjusting(
        add(rec, change),
        set(rec, change, raisedTo, original),
        "Raising ResourceQuota " + quota.key() + " by " + raise.delta() + " for " + vm.key() + ".");
  }

  private static QuotaOutcome follow(
      NodeRecord rec, QuotaChange change, ClusterSnapshot snapshot, Instant now, Resources pod) {
    if (change.state() != State.RAISING) {
      return QuotaOutcome.ready(rec);
    }
    Optional<QuotaView> quota = find(snapshot, change);
    if (quota.isEmpty()) {
      return QuotaOutcome.ready(replace(rec, change, change.in(State.RESTORED, Map.of(), now)));
    }
    Map<String, Long> observed = QuotaHeadroom.pick(quota.get().hard(), change.delta().keySet());
    Map<String, Long> enforced =
        QuotaHeadroom.pick(quota.get().enforced(), change.delta().keySet());
    if (observed.equals(change.raisedTo()) && enforced.equals(change.raisedTo())) {
      return QuotaOutcome.ready(replace(rec, change, change.in(State.RAISED, null, now)));
    }
    if (observed.equals(change.raisedTo())) {
      // Admission enforces status.hard, which the quota controller copies from spec a little later.
      return QuotaOutcome.waiting(
          rec,
          Reason.QUOTA_ADJUSTING,
          "Waiting for ResourceQuota " + change.key() + " to enforce the raise.");
    }
    if (QuotaHeadroom.raises(List.of(quota.get()), pod).isEmpty()) {
      // Someone else changed the quota before our raise landed, and made room: ours is not
      // needed, and there is nothing of ours to take back.
      return QuotaOutcome.ready(replace(rec, change, change.in(State.RESTORED, Map.of(), now)));
    }
    return QuotaOutcome.adjusting(
        rec,
        set(rec, change, change.raisedTo(), change.original()),
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
}
