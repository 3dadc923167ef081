package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.decide.UpgradeAction.SetQuota;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import java.util.Map;
import java.util.Optional;

/** The journal and cluster edits both sides of the quota flow share. */
final class QuotaChanges {

  private QuotaChanges() {}

  static Optional<QuotaView> find(ClusterSnapshot snapshot, QuotaChange change) {
    return snapshot.quotasIn(change.namespace()).stream()
        .filter(q -> q.name().equals(change.quota()))
        .findFirst();
  }

  /** An absolute compare-and-swap of the quota's hard limits for the keys of the change. */
  static SetQuota set(
      NodeRecord rec, QuotaChange change, Map<String, Long> hard, Map<String, Long> expected) {
    return new SetQuota(rec.name(), change.namespace(), change.quota(), hard, expected);
  }

  static NodeRecord add(NodeRecord rec, QuotaChange change) {
    return rec.withQuotaChanges(
        list -> {
          list.add(change);
          return list;
        });
  }

  static NodeRecord replace(NodeRecord rec, QuotaChange old, QuotaChange now) {
    return rec.withQuotaChanges(
        list -> {
          list.set(list.indexOf(old), now);
          return list;
        });
  }
}
