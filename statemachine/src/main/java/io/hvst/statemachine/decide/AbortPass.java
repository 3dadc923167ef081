package io.hvst.statemachine.decide;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.decide.UpgradeAction.PatchScheduling;
import io.hvst.statemachine.decide.UpgradeAction.Uncordon;
import io.hvst.statemachine.decide.steps.Undo;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.plan.DesiredScheduling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * After an abort, every pass takes back what can be taken back, until nothing is owed: migrations
 * in flight cancelled, raised quotas restored (our delta only), stopped VMs started, persisted
 * labels and taints put back, our cordons removed. An OS upgrade already running is left to finish
 * (stopping it half-way could leave the node unbootable); the node is restored when it returns.
 */
final class AbortPass {

  private AbortPass() {}

  static Decision undo(Decision base, ClusterSnapshot snapshot) {
    Journal journal = base.journal().orElseThrow();
    List<UpgradeAction> actions = new ArrayList<>();
    for (NodeRecord rec : journal.nodeRecords()) {
      Undo.Result undone = Undo.restoreQuotasAndVms(rec, snapshot);
      journal = journal.with(undone.record());
      actions.addAll(undone.actions());
      actions.addAll(restoreScheduling(undone.record(), snapshot));
    }
    return new Decision(
        base.upgrade(), Optional.of(journal), actions, Optional.empty(), Optional.empty());
  }

  /** One sentence on what the abort found: which nodes were upgraded, which were in progress. */
  static String summary(Journal journal) {
    String upgraded = names(journal, r -> r.state() == NodeState.SUCCEEDED);
    String inProgress = names(journal, r -> r.state().isStep() || r.state() == NodeState.PAUSED);
    String upgrading = names(journal, r -> r.state() == NodeState.UPGRADE);
    return "Aborted by "
        + Controls.ABORT
        + ". Upgraded: "
        + (upgraded.isEmpty() ? "none" : upgraded)
        + "; restored as they were: "
        + (inProgress.isEmpty() ? "none" : inProgress)
        + (upgrading.isEmpty()
            ? ""
            : "; the OS upgrade already running on " + upgrading + " was left to finish")
        + ".";
  }

  private static List<UpgradeAction> restoreScheduling(NodeRecord rec, ClusterSnapshot snapshot) {
    Optional<NodeView> node = snapshot.node(rec.name());
    if (node.isEmpty() || rec.savedScheduling().isEmpty() || !node.get().ready()) {
      return List.of();
    }
    List<UpgradeAction> actions = new ArrayList<>();
    DesiredScheduling.Diff diff =
        DesiredScheduling.of(rec.savedScheduling().get(), node.get(), snapshot.schedulingPolicy())
            .diff(node.get());
    if (!diff.isEmpty()) {
      actions.add(
          new PatchScheduling(rec.name(), diff.setLabels(), diff.removeLabels(), diff.addTaints()));
    }
    if (rec.cordonedByUs() && node.get().unschedulable()) {
      actions.add(new Uncordon(rec.name()));
    }
    return actions;
  }

  private static String names(Journal journal, java.util.function.Predicate<NodeRecord> which) {
    return journal.nodeRecords().stream()
        .filter(which)
        .map(NodeRecord::name)
        .collect(Collectors.joining(", "));
  }
}
