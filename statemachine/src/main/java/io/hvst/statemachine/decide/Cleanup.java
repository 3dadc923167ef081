package io.hvst.statemachine.decide;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.decide.steps.Undo;
import io.hvst.statemachine.journal.NodeRecord;
import java.util.List;

/**
 * What a failed node still owes the cluster: raised quotas restored and stopped VMs started again
 * (elsewhere, since the node stays cordoned). Runs every pass until nothing is owed.
 */
final class Cleanup {

  /** The node's record after this pass, and what to do for it. */
  record Outcome(NodeRecord record, List<UpgradeAction> actions) {}

  private Cleanup() {}

  static Outcome failedNode(NodeRecord rec, ClusterSnapshot snapshot) {
    Undo.Result r = Undo.restoreQuotasAndVms(rec, snapshot);
    return new Outcome(r.record(), r.actions());
  }
}
