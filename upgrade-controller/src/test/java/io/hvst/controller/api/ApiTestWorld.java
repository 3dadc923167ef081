package io.hvst.controller.api;

import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.controller.kube.UpgradeSpec;
import io.hvst.controller.kube.UpgradeStatus;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the API tests find in the cluster. Three management nodes (node-2 already upgraded), a few
 * VMs, and four Upgrades: one rolling (node-2 done, node-3 in UPGRADE, node-1 queued), one fresh
 * (no journal yet, its repo VM on node-2), one refused, one whose journal is garbage.
 */
final class ApiTestWorld {

  static final String ROLLING = "rolling";
  static final String FRESH = "fresh";
  static final String REFUSED = "refused";
  static final String BROKEN = "broken";
  static final Duration STEP = Duration.ofSeconds(10);

  private ApiTestWorld() {}

  static void seed(ApiTestCluster cluster) {
    cluster.createNode("node-1", true, "v1.4.2");
    cluster.createNode("node-2", true, "v1.5.0");
    cluster.createNode("node-3", true, "v1.4.2");
    cluster.createVmi("default", "vm-a", "node-1");
    cluster.createVmi("default", "vm-b", "node-3");
    cluster.createRepoVmi(FRESH, "node-2");

    Upgrade rolling =
        cluster.create(
            upgrade(
                ROLLING,
                "v1.5.0",
                "UpgradingNodes",
                new UpgradeCondition("Completed", "Unknown", "UpgradeInProgress", "In progress")));
    cluster.createJournal(ROLLING, rollingJournal(rolling.getMetadata().getUid()));

    cluster.create(upgrade(FRESH, "v1.5.0", null));
    cluster.create(
        upgrade(
            REFUSED,
            "v1.3.0",
            "Failed",
            new UpgradeCondition(
                "Completed", "False", "DowngradeRefused", "The cluster runs v1.5.0.")));
    cluster.create(upgrade(BROKEN, "v1.5.0", "UpgradingNodes"));
    cluster.createJournalData(BROKEN, Map.of("upgrade", "{not json"));
  }

  private static Upgrade upgrade(
      String name, String version, String state, UpgradeCondition... conditions) {
    Upgrade upgrade = new Upgrade();
    upgrade.getMetadata().setNamespace(ApiTestCluster.NAMESPACE);
    upgrade.getMetadata().setName(name);
    if (state != null) {
      upgrade.getMetadata().setLabels(Map.of(Upgrade.STATE_LABEL, state));
    }
    UpgradeSpec spec = new UpgradeSpec();
    spec.setVersion(version);
    upgrade.setSpec(spec);
    if (conditions.length > 0) {
      UpgradeStatus status = new UpgradeStatus();
      status.setConditions(List.of(conditions));
      upgrade.setStatus(status);
    }
    return upgrade;
  }

  /** node-2 succeeded 10 s a step; node-3 entered UPGRADE 30 s ago; node-1 waits its turn. */
  private static Journal rollingJournal(String uid) {
    Instant now = Instant.now();
    Instant start = now.minus(Duration.ofMinutes(5));
    NodeRecord node2 = walk(NodeRecord.queued("node-2"), start, allStepsThen(NodeState.SUCCEEDED));
    NodeRecord node3 =
        walk(
                NodeRecord.queued("node-3"),
                now.minusSeconds(60),
                List.of(
                    NodeState.PRE_DRAIN,
                    NodeState.REPO_VM_MIGRATION,
                    NodeState.DRAIN,
                    NodeState.UPGRADE))
            .withJob("hvst-rolling-node-3-upgrade-1")
            .withMigrations(
                list ->
                    List.of(
                        new MigrationRecord(
                            "default/vm-b",
                            "hvst-rolling-vm-b-1",
                            "node-3",
                            "node-2",
                            1,
                            now.minusSeconds(40),
                            now.minusSeconds(38),
                            MigrationRecord.SUCCEEDED,
                            "")));
    UpgradeRecord upgrade =
        new UpgradeRecord(
            UpgradeRecord.SCHEMA_VERSION,
            uid,
            UpgradePhase.UPGRADING_NODES,
            List.of("node-2", "node-3", "node-1"),
            "v1.5.0",
            "v1.4.2",
            Map.of(UpgradePhase.PENDING, start, UpgradePhase.UPGRADING_NODES, start),
            null);
    TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    for (NodeRecord n : List.of(node2, node3, NodeRecord.queued("node-1"))) {
      nodes.put(n.name(), n);
    }
    return new Journal(upgrade, nodes);
  }

  private static List<NodeState> allStepsThen(NodeState last) {
    List<NodeState> states = new java.util.ArrayList<>(NodeState.STEPS);
    states.add(last);
    return states;
  }

  private static NodeRecord walk(NodeRecord rec, Instant from, List<NodeState> states) {
    NodeRecord walked = rec;
    Instant at = from;
    for (NodeState state : states) {
      walked = walked.enter(state, at);
      at = at.plus(STEP);
    }
    return walked;
  }
}
