package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.observe.ClusterHistory;
import io.hvst.simulator.observe.ClusterHistory.Interval;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole upgrades of healthy simulated clusters: the walking skeleton's promises. */
class HappyPathIT {

  private static final String UPGRADE = "hvst-upgrade";

  @Test
  void upgradesThreeNodesOneAtATimeCordoningEachOnlyWhileItIsUpgraded() {
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 2, 7), null, Map.of())) {
      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofSeconds(60));
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");

      Journal journal = session.journal(UPGRADE).orElseThrow();
      // Management nodes first; the node hosting the repo VM last in its group.
      assertThat(journal.upgrade().order()).containsExactly("node-2", "node-3", "node-1");
      assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.SUCCEEDED);
      assertThat(journal.upgrade().previousVersion()).isEqualTo("v1.4.2");
      assertThat(journal.upgrade().targetVersion()).isEqualTo("v1.5.0");

      ClusterHistory history = session.cluster().history();
      Instant previousEnd = Instant.MIN;
      for (String node : journal.upgrade().order()) {
        NodeRecord rec = journal.node(node).orElseThrow();
        assertThat(rec.state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(rec.cordonedByUs()).isTrue();
        assertThat(rec.scheduling().unschedulable()).isFalse();
        assertThat(rec.scheduling().labels()).containsEntry("kubevirt.io/schedulable", "true");
        assertThat(rec.job()).isEqualTo("hvst-hvst-upgrade-" + node + "-upgrade-1");
        assertThat(rec.enteredAt(NodeState.PRE_DRAIN).orElseThrow()).isAfterOrEqualTo(previousEnd);
        previousEnd = rec.enteredAt(NodeState.SUCCEEDED).orElseThrow();

        List<Interval> cordons = history.cordoned(node);
        assertThat(cordons).as("cordons of %s", node).hasSize(1);
        Interval cordon = cordons.get(0);
        assertThat(cordon.to()).as("%s uncordoned at the end", node).isNotNull();
        List<ClusterHistory.NodeSample> downs =
            history.samples().stream().filter(s -> s.node().equals(node) && !s.ready()).toList();
        assertThat(downs).as("%s rebooted once", node).hasSize(1);
        assertThat(downs.get(0).at()).isBetween(cordon.from(), cordon.to());
        assertThat(session.cluster().os().reboots(node)).isEqualTo(1);
      }
      assertNoTwoNodesCordonedAtOnce(history, journal.upgrade().order());
      assertThat(session.cluster().jobs().created().values()).allMatch(n -> n.get() == 1);

      assertThat(done.getStatus().getPreviousVersion()).isEqualTo("v1.4.2");
      assertThat(done.getStatus().getNodeStatuses().values())
          .hasSize(3)
          .extracting(NodeUpgradeStatus::getState)
          .containsOnly("Succeeded");
      assertThat(done.getStatus().getConditions())
          .extracting(UpgradeCondition::getType, UpgradeCondition::getStatus)
          .contains(
              org.assertj.core.groups.Tuple.tuple("NodesUpgraded", "True"),
              org.assertj.core.groups.Tuple.tuple("Completed", "True"));
      session
          .cluster()
          .client()
          .nodes()
          .list()
          .getItems()
          .forEach(
              n ->
                  assertThat(n.getStatus().getNodeInfo().getOsImage())
                      .isEqualTo("Harvester v1.5.0"));
    }
  }

  @Test
  void upgradesTenNodesMovingEveryVmAndLosingNone() {
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(10, 1, 3), null, Map.of())) {
      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(2));
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords()).hasSize(10).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      assertNoTwoNodesCordonedAtOnce(session.cluster().history(), journal.upgrade().order());
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
      assertThat(session.cluster().inventory().vmsStopped()).isZero();
    }
  }

  @Test
  void upgradesASingleNodeClusterStoppingItsVmsOnlyBecauseThePolicyAllowsDowntime() {
    Map<String, Object> downtime =
        Map.of("hvst.drain.non-migratable", "stop", "hvst.drain.allow-repo-vm-shutdown", "true");
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(1, 2, 3), null, downtime)) {
      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(2));
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");
      NodeRecord only = session.journal(UPGRADE).orElseThrow().node("node-1").orElseThrow();
      assertThat(only.stoppedVms())
          .hasSize(3)
          .allMatch(s -> s.state() == io.hvst.statemachine.journal.StoppedVm.State.STARTED);
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void refusesToDrainASingleNodeClusterWithoutDowntimePolicyBeforeTouchingIt() {
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(1, 1, 3), null, Map.of())) {
      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(1));
      assertThat(UpgradeSession.state(done)).isEqualTo("Failed");
      NodeRecord only = session.journal(UPGRADE).orElseThrow().node("node-1").orElseThrow();
      assertThat(only.failure().reason())
          .isEqualTo(io.hvst.statemachine.Reason.NO_MIGRATION_TARGET);
      assertThat(only.failure().message()).contains("upgrade-repo-hvst-upgrade");
      assertThat(session.cluster().history().cordoned("node-1")).isEmpty();
    }
  }

  /** With maxUnavailable 1, cordons follow one another and never overlap. */
  private static void assertNoTwoNodesCordonedAtOnce(ClusterHistory history, List<String> order) {
    Instant lastEnd = Instant.MIN;
    for (String node : order) {
      for (Interval i : history.cordoned(node)) {
        assertThat(i.from())
            .as("%s cordoned after the previous node was uncordoned", node)
            .isAfterOrEqualTo(lastEnd);
        lastEnd = i.to();
      }
    }
  }
}
