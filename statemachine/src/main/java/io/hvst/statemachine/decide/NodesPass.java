package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.steps.Undo;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.plan.Admission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One pass over the nodes of a running (or paused) upgrade: steps advanced, nodes paused and
 * resumed as asked, new nodes admitted, failed nodes cleaned up, restored nodes watched for drift.
 * Accumulates the journal, the actions and the wake-ups.
 */
final class NodesPass {

  Journal journal;
  final List<UpgradeAction> actions = new ArrayList<>();
  final List<Instant> wakes = new ArrayList<>();
  private final NodeDecider nodes;
  private final UpgradeRequest upgrade;
  private final ClusterSnapshot snapshot;
  private final Controls controls;

  NodesPass(
      Journal journal,
      NodeDecider nodes,
      UpgradeRequest upgrade,
      ClusterSnapshot snapshot,
      Controls controls) {
    this.journal = journal;
    this.nodes = nodes;
    this.upgrade = upgrade;
    this.snapshot = snapshot;
    this.controls = controls;
  }

  Instant now() {
    return snapshot.observedAt();
  }

  Optional<Instant> wake() {
    return wakes.stream().min(Comparator.naturalOrder());
  }

  /** Steps every node that is in one, pausing after the step where asked. */
  void advance(List<String> names) {
    for (String name : names) {
      NodeRecord rec = journal.node(name).orElseThrow();
      if (rec.state().isStep()) {
        NodeDecider.Outcome outcome =
            nodes.decide(upgrade, journal, rec, snapshot, controls.pauses(name));
        journal = journal.with(outcome.record());
        actions.addAll(outcome.actions());
        outcome.wakeAt().ifPresent(wakes::add);
      }
    }
  }

  /** Parks queued nodes the pause map holds; resumes paused nodes no longer held. */
  void pauseAndResume(boolean upgradePaused) {
    for (NodeRecord rec : journal.nodeRecords()) {
      boolean held = upgradePaused || controls.pauses(rec.name());
      if (rec.state() == NodeState.QUEUED && controls.nodePause().getOrDefault(rec.name(), false)) {
        journal = journal.with(nodes.pause(rec, now()));
      } else if (rec.state() == NodeState.PAUSED && !held) {
        journal = journal.with(nodes.resume(rec, now()));
      }
    }
  }

  void admit(int maxUnavailable) {
    Admission.Result admission = Admission.decide(journal, snapshot, maxUnavailable);
    for (String name : admission.start()) {
      journal = journal.with(nodes.start(journal.node(name).orElseThrow(), now()));
    }
    advance(admission.start());
    admission.blocked().ifPresent(actions::add);
  }

  void cleanUpFailed() {
    for (NodeRecord rec : journal.nodeRecords()) {
      if (rec.state() == NodeState.FAILED && !Undo.settled(rec)) {
        Cleanup.Outcome outcome = Cleanup.failedNode(rec, snapshot);
        journal = journal.with(outcome.record());
        actions.addAll(outcome.actions());
      }
    }
  }

  void watchSettling() {
    for (NodeRecord rec : journal.nodeRecords()) {
      if (SettleWatch.settling(rec, now())) {
        SettleWatch.Outcome outcome = SettleWatch.watch(rec, snapshot);
        journal = journal.with(outcome.record());
        actions.addAll(outcome.actions());
        wakes.add(rec.settleUntil());
      }
    }
  }

  /**
   * Policy entries that could not be read, shown and ignored. Once the upgrade succeeded they no
   * longer hold anything up, but the next upgrade will ignore them too.
   */
  void reportPolicyErrors() {
    Reason reason =
        journal.upgrade().phase() == UpgradePhase.SUCCEEDED
            ? Reason.SCHEDULING_POLICY_IGNORED
            : Reason.SCHEDULING_POLICY_INVALID;
    for (String error : snapshot.schedulingPolicy().errors()) {
      actions.add(new UpgradeAction.Wait("", reason, "hvst-scheduling-policy: " + error));
    }
  }

  /** Control annotations that could not be read, shown and ignored. */
  void reportControlErrors() {
    for (String error : controls.errors()) {
      actions.add(new UpgradeAction.Wait("", Reason.CONTROL_ANNOTATION_INVALID, error));
    }
  }

  boolean anyFailed() {
    return journal.nodeRecords().stream().anyMatch(r -> r.state() == NodeState.FAILED);
  }

  Decision decision() {
    return new Decision(upgrade, Optional.of(journal), actions, Optional.empty(), wake());
  }
}
