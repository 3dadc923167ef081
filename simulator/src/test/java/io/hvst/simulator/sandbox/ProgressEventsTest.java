package io.hvst.simulator.sandbox;

import static io.hvst.simulator.sandbox.Journals.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressEventsTest {

  private final MigrationRecord running = Journals.migrating("default/vm-node-3-1", "node-2", 8.1);

  @Test
  void saysWhenAMigrationStartsAndWhenItEndsWithItsDuration() {
    Journal before = Journals.of(UpgradePhase.UPGRADING_NODES, Journals.draining());
    Journal started = Journals.of(UpgradePhase.UPGRADING_NODES, Journals.draining(running));
    Journal ended =
        Journals.of(
            UpgradePhase.UPGRADING_NODES,
            Journals.draining(running.finish(MigrationRecord.SUCCEEDED, "", at(8.41))));

    assertThat(ProgressEvents.journal(Optional.of(before), started, at(8.2)))
        .containsExactly("node-3       vm default/vm-node-3-1 migrating from node-3 -> node-2");
    assertThat(ProgressEvents.journal(Optional.of(started), ended, at(8.5)))
        .containsExactly("node-3       vm default/vm-node-3-1 -> node-2 (0.31s)");
  }

  @Test
  void endsTheLastMigrationsBeforeTheNodeMovesOnAndStartsNewOnesAfter() {
    MigrationRecord second = Journals.migrating("default/vm-node-3-2", "node-1", 8.5);
    Journal before = Journals.of(UpgradePhase.UPGRADING_NODES, Journals.draining(running));
    NodeRecord upgrading =
        Journals.draining(running.finish(MigrationRecord.SUCCEEDED, "", at(8.41)), second)
            .enter(NodeState.UPGRADE, at(8.6));

    assertThat(
            ProgressEvents.journal(
                Optional.of(before), Journals.of(UpgradePhase.UPGRADING_NODES, upgrading), at(9)))
        .containsExactly(
            "node-3       vm default/vm-node-3-1 -> node-2 (0.31s)",
            "node-3       UPGRADE",
            "node-3       vm default/vm-node-3-2 migrating from node-3 -> node-1");
  }

  @Test
  void namesTheOutcomeOfAFailedMigration() {
    Journal started = Journals.of(UpgradePhase.UPGRADING_NODES, Journals.draining(running));
    Journal failed =
        Journals.of(
            UpgradePhase.UPGRADING_NODES,
            Journals.draining(running.finish(MigrationRecord.FAILED, "target pod failed", at(9))));

    assertThat(ProgressEvents.journal(Optional.of(started), failed, at(9)))
        .containsExactly(
            "node-3       vm default/vm-node-3-1 -> node-2 (0.90s) Failed: target pod failed");
  }

  @Test
  void printsStateChangesAndAFinishedNodesStepDurations() {
    NodeRecord upgrading =
        NodeRecord.queued("node-2")
            .enter(NodeState.PRE_DRAIN, at(1))
            .enter(NodeState.DRAIN, at(2))
            .enter(NodeState.UPGRADE, at(4));
    Journal before = Journals.of(UpgradePhase.UPGRADING_NODES, upgrading);
    Journal after = Journals.of(UpgradePhase.UPGRADING_NODES, Journals.succeeded());

    assertThat(ProgressEvents.journal(Optional.of(before), after, at(7)))
        .containsExactly(
            "node-2       SUCCEEDED  in 6.00s  (PRE_DRAIN 1.00s, DRAIN 2.00s, UPGRADE 3.00s)");
  }

  @Test
  void followsAStoppedVmFromStopToStart() {
    StoppedVm stopping =
        new StoppedVm("default/vm-a", "Always", "node-3", StoppedVm.State.STOPPING, at(8));
    Journal before =
        Journals.of(
            UpgradePhase.UPGRADING_NODES,
            Journals.draining().withStoppedVms(s -> List.of(stopping)));
    Journal after =
        Journals.of(
            UpgradePhase.UPGRADING_NODES,
            Journals.draining()
                .withStoppedVms(s -> List.of(stopping.in(StoppedVm.State.STOPPED, at(9)))));

    assertThat(ProgressEvents.journal(Optional.of(before), after, at(9)))
        .containsExactly("node-3       vm default/vm-a stopped");
  }

  @Test
  void reportsANodeBlockedAndUnblockedButNotOrdinaryProgress() {
    NodeWait evicting = new NodeWait("EvictingPods", "Evicting default/web-1.");
    NodeWait refused = new NodeWait("EvictionBlockedByPdb", "Eviction of default/web-1 refused");

    assertThat(ProgressEvents.waits(Map.of(), Map.of("node-3", evicting))).isEmpty();
    assertThat(ProgressEvents.waits(Map.of("node-3", evicting), Map.of("node-3", refused)))
        .containsExactly(
            "node-3       blocked: EvictionBlockedByPdb: Eviction of default/web-1 refused");
    assertThat(ProgressEvents.waits(Map.of("node-3", refused), Map.of("node-3", refused)))
        .isEmpty();
    assertThat(ProgressEvents.waits(Map.of("node-3", refused), Map.of("node-3", evicting)))
        .containsExactly("node-3       unblocked");
  }
}
