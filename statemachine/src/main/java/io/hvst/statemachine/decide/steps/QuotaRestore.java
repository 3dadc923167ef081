package io.hvst.statemachine.decide.steps;

import static io.hvst.statemachine.decide.steps.QuotaChanges.find;
import static io.hvst.statemachine.decide.steps.QuotaChanges.replace;
import static io.hvst.statemachine.decide.steps.QuotaChanges.set;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.journal.QuotaChange.State;
import io.hvst.statemachine.plan.QuotaHeadroom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Takes back the quota raises of {@link QuotaRaise}. The restore is journaled (RESTORING) before it
 * is written, and only our delta is subtracted from what the quota holds then, so a change someone
 * else made meanwhile stays.
 */
final class QuotaRestore {

  private QuotaRestore() {}

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

  /** Quota changes of this node not yet restored. */
  static boolean anyUnrestored(NodeRecord rec) {
    return rec.quotaChanges().stream().anyMatch(c -> c.state() != State.RESTORED);
  }

  /** Takes our delta back from every quota raised for the VM; ready when all are restored. */
  static QuotaOutcome restore(NodeRecord rec, String vmKey, ClusterSnapshot snapshot, Instant now) {
    Optional<QuotaChange> next =
        rec.quotaChanges().stream()
            .filter(c -> c.vm().equals(vmKey) && c.state() != State.RESTORED)
            .findFirst();
    if (next.isEmpty()) {
      return QuotaOutcome.ready(rec);
    }
    QuotaChange change = next.get();
    Optional<QuotaView> quota = find(snapshot, change);
    if (quota.isEmpty()) {
      return restoreRest(rec, change, change.restoreTo(), vmKey, snapshot, now);
    }
    Map<String, Long> observed = QuotaHeadroom.pick(quota.get().hard(), change.delta().keySet());
    if (change.state() == State.RESTORING) {
      return observed.equals(change.restoreTo())
          ? restoreRest(rec, change, change.restoreTo(), vmKey, snapshot, now)
          : QuotaOutcome.adjusting(
              rec, set(rec, change, change.restoreTo(), observed), restoring(change));
    }
    if (change.state() == State.RAISING && !observed.equals(change.raisedTo())) {
      // Our raise never landed: nothing of ours to take back.
      return restoreRest(rec, change, Map.of(), vmKey, snapshot, now);
    }
    Map<String, Long> restoreTo = QuotaHeadroom.shift(observed, change.delta(), -1);
    QuotaChange restoring = change.in(State.RESTORING, restoreTo, now);
    return QuotaOutcome.adjusting(
        replace(rec, change, restoring),
        set(rec, restoring, restoreTo, observed),
        restoring(change));
  }

  /** Marks the change restored (to {@code restoredTo}) and goes on with the VM's other changes. */
  private static QuotaOutcome restoreRest(
      NodeRecord rec,
      QuotaChange change,
      Map<String, Long> restoredTo,
      String vmKey,
      ClusterSnapshot snapshot,
      Instant now) {
    NodeRecord next = replace(rec, change, change.in(State.RESTORED, restoredTo, now));
    return restore(next, vmKey, snapshot, now);
  }

  private static String restoring(QuotaChange change) {
    return "Restoring ResourceQuota " + change.key() + ".";
  }
}
