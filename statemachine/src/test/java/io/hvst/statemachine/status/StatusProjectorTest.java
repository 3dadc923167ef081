package io.hvst.statemachine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.Deciders;
import io.hvst.statemachine.decide.Decision;
import io.hvst.statemachine.decide.UpgradeAction.CreateJob;
import io.hvst.statemachine.decide.UpgradeDecider;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.lifecycle.NodeState;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusProjectorTest {

  private final UpgradeDecider decider = Deciders.standard(World.policy());
  private final UpgradeRequest upgrade = World.upgrade("v1.5.0");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "PRE_DRAIN,          Pre-draining",
    "REPO_VM_MIGRATION,  Pre-draining",
    "DRAIN,              Pre-draining",
    "UPGRADE,            Pre-drained",
    "POST_DRAIN,         Post-draining",
    "RESTORE_SCHEDULING, Post-draining",
    "SUCCEEDED,          Succeeded",
    "FAILED,             Failed",
    "PAUSED,             Node-upgrade paused",
  })
  void speaksHarvestersNodeStates(NodeState state, String harvester) {
    assertThat(HarvesterStates.of(state, Optional.empty())).contains(harvester);
  }

  @Test
  void showsWaitingRebootWhileTheNodeReboots() {
    assertThat(HarvesterStates.of(NodeState.UPGRADE, Optional.of(Reason.NODE_REBOOTING)))
        .contains("Waiting Reboot");
    assertThat(HarvesterStates.of(NodeState.QUEUED, Optional.empty())).isEmpty();
  }

  @Test
  void mirrorsProgressWithTheReasonTheNodeWaitsFor() {
    World world = new World().with(Nodes.management("m-1"), Nodes.worker("w-1"));
    Decision first = decider.start(upgrade, world.snapshot());
    UpgradeStatusView status = StatusProjector.project(first);
    assertThat(status.upgradeState()).isEqualTo("UpgradingNodes");
    assertThat(status.previousVersion()).isEqualTo("v1.4.0");
    assertThat(status.nodeStatuses()).containsOnlyKeys("m-1");
    assertThat(status.nodeStatuses().get("m-1"))
        .isEqualTo(
            new NodeStatusView(
                "Pre-draining", "WaitingForCordon", Reason.WAITING_FOR_CORDON.text()));
    assertThat(status.conditions())
        .extracting(ConditionView::type, ConditionView::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("NodesUpgraded", "Unknown"),
            org.assertj.core.groups.Tuple.tuple("Completed", "Unknown"));
  }

  @Test
  void reportsAFailedNodeWithItsReasonAndAFalseCondition() {
    World world = new World().with(Nodes.management("m-1"));
    Decision d = decider.start(upgrade, world.snapshot());
    world.node("m-1", World.schedulable(true));
    d = decider.decide(upgrade, d.journal().orElseThrow(), world.snapshot());
    CreateJob job = (CreateJob) d.actions().get(0);
    world.job(job.job().name(), JobView.Phase.FAILED);
    d = decider.decide(upgrade, d.journal().orElseThrow(), world.snapshot());
    UpgradeStatusView status = StatusProjector.project(d);
    assertThat(status.upgradeState()).isEqualTo("Failed");
    assertThat(status.nodeStatuses().get("m-1").state()).isEqualTo("Failed");
    assertThat(status.nodeStatuses().get("m-1").reason()).isEqualTo("UpgradeJobFailed");
    assertThat(status.conditions()).allMatch(c -> c.status().equals("False"));
    assertThat(status.conditions()).allMatch(c -> c.reason().equals("NodeFailed"));
  }

  @Test
  void reportsARefusedUpgradeAsFailedWithItsReason() {
    World world = new World().with(Nodes.management("m-1"));
    Decision d = decider.start(World.upgrade("latest"), world.snapshot());
    UpgradeStatusView status = StatusProjector.project(d);
    assertThat(status.upgradeState()).isEqualTo("Failed");
    assertThat(status.nodeStatuses()).isEmpty();
    assertThat(status.conditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.type()).isEqualTo("Completed");
              assertThat(c.status()).isEqualTo("False");
              assertThat(c.reason()).isEqualTo("InvalidVersion");
              assertThat(c.message()).contains("latest");
            });
  }
}
