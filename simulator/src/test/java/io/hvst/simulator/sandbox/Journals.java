package io.hvst.simulator.sandbox;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Journals of a three-node upgrade at chosen moments, for the progress view's tests. */
final class Journals {

  static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  private Journals() {}

  static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  static Journal of(UpgradePhase phase, NodeRecord... nodes) {
    UpgradeRecord upgrade =
        new UpgradeRecord(
            UpgradeRecord.SCHEMA_VERSION,
            "uid-1",
            UpgradePhase.PENDING,
            List.of("node-2", "node-3", "node-1"),
            "v1.5.0",
            "v1.4.2",
            Map.of(UpgradePhase.PENDING, T0),
            null);
    if (phase != UpgradePhase.PENDING) {
      upgrade = upgrade.enter(phase, at(0.5));
    }
    TreeMap<String, NodeRecord> records = new TreeMap<>();
    for (String name : upgrade.order()) {
      records.put(name, NodeRecord.queued(name));
    }
    for (NodeRecord rec : nodes) {
      records.put(rec.name(), rec);
    }
    return new Journal(upgrade, records);
  }

  /** node-2 done after PRE_DRAIN 1s, DRAIN 2s, UPGRADE 3s. */
  static NodeRecord succeeded() {
    return NodeRecord.queued("node-2")
        .enter(NodeState.PRE_DRAIN, at(1))
        .enter(NodeState.DRAIN, at(2))
        .enter(NodeState.UPGRADE, at(4))
        .enter(NodeState.SUCCEEDED, at(7));
  }

  /** node-3 draining since 8s, after PRE_DRAIN 0.5s. */
  static NodeRecord draining(MigrationRecord... migrations) {
    return NodeRecord.queued("node-3")
        .enter(NodeState.PRE_DRAIN, at(7.5))
        .enter(NodeState.DRAIN, at(8))
        .withMigrations(m -> List.of(migrations));
  }

  static MigrationRecord migrating(String vm, String target, double startedAt) {
    return new MigrationRecord(vm, "mig-" + vm, "node-3", target, 1, at(startedAt), null, "", "");
  }
}
