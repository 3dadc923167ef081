package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.decide.UpgradeAction.Cordon;
import io.hvst.statemachine.decide.UpgradeAction.PatchScheduling;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.decide.steps.DriftCulprits;
import io.hvst.statemachine.journal.Drift;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.SchedulingState;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.plan.DesiredScheduling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a node is restored, it is watched for its settle period: whatever reverts a persisted
 * label, taint or a person's cordon is put back, counted, and named with its likely culprit.
 */
final class SettleWatch {

  /** The node's record after this pass, and what to do. */
  record Outcome(NodeRecord record, List<UpgradeAction> actions) {}

  private SettleWatch() {}

  static boolean settling(NodeRecord rec, Instant now) {
    return rec.state() == NodeState.SUCCEEDED
        && rec.settleUntil() != null
        && now.isBefore(rec.settleUntil());
  }

  static Outcome watch(NodeRecord rec, ClusterSnapshot snapshot) {
    Optional<NodeView> observed = snapshot.node(rec.name());
    Optional<SchedulingState> saved = rec.savedScheduling();
    if (observed.isEmpty() || saved.isEmpty() || !observed.get().ready()) {
      return new Outcome(rec, List.of());
    }
    NodeView node = observed.get();
    Instant now = snapshot.observedAt();
    DesiredScheduling desired =
        DesiredScheduling.of(saved.get(), node, snapshot.schedulingPolicy());
    DesiredScheduling.Diff diff = desired.diff(node);
    List<Drift> found = new ArrayList<>();
    for (Map.Entry<String, String> l : diff.setLabels().entrySet()) {
      found.add(
          new Drift(
              l.getKey(),
              l.getValue(),
              node.labels().getOrDefault(l.getKey(), ""),
              DriftCulprits.guess(l.getKey()),
              now));
    }
    for (String k : diff.removeLabels()) {
      found.add(new Drift(k, "(absent)", node.labels().get(k), DriftCulprits.guess(k), now));
    }
    for (Taint t : diff.addTaints()) {
      found.add(new Drift(t.key(), t.toString(), "", DriftCulprits.guess(t.key()), now));
    }
    boolean uncordoned = saved.get().unschedulable() && !node.unschedulable();
    if (uncordoned) {
      found.add(
          new Drift(
              "spec.unschedulable",
              "true",
              "false",
              DriftCulprits.guess("spec.unschedulable"),
              now));
    }
    // A drift counts once: until the node shows the key put back, it stays pending.
    NodeRecord next = rec;
    for (Drift d : found) {
      if (!rec.driftPending().contains(d.key())) {
        next = next.withDrift(d);
      }
    }
    List<String> pending = found.stream().map(Drift::key).sorted().toList();
    if (!pending.equals(next.driftPending())) {
      next = next.toBuilder().driftPending(pending).build();
    }
    List<UpgradeAction> actions = new ArrayList<>();
    if (!diff.isEmpty()) {
      actions.add(
          new PatchScheduling(rec.name(), diff.setLabels(), diff.removeLabels(), diff.addTaints()));
    }
    if (uncordoned) {
      actions.add(new Cordon(rec.name()));
    }
    if (!actions.isEmpty()) {
      actions.add(new Wait(rec.name(), Reason.SCHEDULING_DRIFT, DriftCulprits.describe(next)));
    }
    return new Outcome(next, actions);
  }
}
