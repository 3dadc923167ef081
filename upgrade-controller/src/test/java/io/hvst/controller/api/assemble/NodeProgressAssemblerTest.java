package io.hvst.controller.api.assemble;

import static io.hvst.controller.api.assemble.Fixtures.T0;
import static io.hvst.controller.api.assemble.Fixtures.succeeded;
import static io.hvst.controller.api.assemble.Fixtures.walked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hvst.controller.api.dto.MigrationDto;
import io.hvst.controller.api.dto.NodeProgress;
import io.hvst.controller.api.dto.StepTiming;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.HarvesterStates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeProgressAssemblerTest {

  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final String UPGRADE = "hvst-upgrade";

  @Test
  void listsEveryStateEnteredInOrderWithEachStepsDurationAndTheCurrentOneUpToNow() {
    NodeRecord rec =
        walked("n1", T0, TEN_S, NodeState.PRE_DRAIN, NodeState.REPO_VM_MIGRATION, NodeState.DRAIN);

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 2, rec, Optional.empty(), T0.plusSeconds(25));

    assertThat(node.position()).isEqualTo(2);
    assertThat(node.steps())
        .extracting(
            StepTiming::state, StepTiming::enteredAt, StepTiming::durationMs, StepTiming::current)
        .containsExactly(
            tuple(NodeState.PRE_DRAIN, T0, 10_000L, false),
            tuple(NodeState.REPO_VM_MIGRATION, T0.plusSeconds(10), 10_000L, false),
            tuple(NodeState.DRAIN, T0.plusSeconds(20), 5_000L, true));
  }

  @Test
  void aFinalStateHasNoDurationOfItsOwn() {
    NodeRecord rec = succeeded("n1", T0, TEN_S);

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 1, rec, Optional.empty(), T0.plusSeconds(999));

    StepTiming last = node.steps().get(node.steps().size() - 1);
    assertThat(last.state()).isEqualTo(NodeState.SUCCEEDED);
    assertThat(last.durationMs()).isNull();
    assertThat(last.current()).isTrue();
    assertThat(node.steps()).hasSize(7);
    assertThat(node.harvesterState()).isEqualTo(HarvesterStates.SUCCEEDED);
    assertThat(node.reason()).isNull();
  }

  @Test
  void saysWhatTheNodeWaitsForInHarvestersWords() {
    NodeRecord rec = walked("n1", T0, TEN_S, NodeState.PRE_DRAIN, NodeState.UPGRADE);
    Wait wait = new Wait("n1", Reason.NODE_REBOOTING, "n1 is rebooting");

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 1, rec, Optional.of(wait), T0.plusSeconds(30));

    assertThat(node.harvesterState()).isEqualTo(HarvesterStates.WAITING_REBOOT);
    assertThat(node.reason().code()).isEqualTo("NodeRebooting");
    assertThat(node.reason().message()).isEqualTo("n1 is rebooting");
  }

  @Test
  void aFailedNodeReportsWhyItFailedRatherThanAWait() {
    Instant failedAt = T0.plusSeconds(15);
    NodeRecord rec =
        walked("n1", T0, TEN_S, NodeState.PRE_DRAIN, NodeState.UPGRADE)
            .withFailure(
                new Failure(Reason.UPGRADE_JOB_FAILED, "job exited 1", NodeState.UPGRADE, failedAt))
            .enter(NodeState.FAILED, failedAt);
    Wait stale = new Wait("n1", Reason.UPGRADE_JOB_RUNNING, null);

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 1, rec, Optional.of(stale), T0.plusSeconds(30));

    assertThat(node.state()).isEqualTo(NodeState.FAILED);
    assertThat(node.harvesterState()).isEqualTo(HarvesterStates.FAILED);
    assertThat(node.reason().code()).isEqualTo("UpgradeJobFailed");
    assertThat(node.reason().message()).isEqualTo("job exited 1");
  }

  @Test
  void aQueuedNodeHasNoHarvesterStateYetButMayWaitForItsTurn() {
    Wait turn = new Wait("n3", Reason.WAITING_FOR_TURN, null);

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 3, NodeRecord.queued("n3"), Optional.of(turn), T0);

    assertThat(node.harvesterState()).isNull();
    assertThat(node.steps()).isEmpty();
    assertThat(node.reason().code()).isEqualTo("WaitingForTurn");
    assertThat(node.reason().message()).isEqualTo(Reason.WAITING_FOR_TURN.text());
  }

  @Test
  void mapsMigrationsWithTheirDurationAndMarksUnfinishedOnesAsRunning() {
    MigrationRecord done =
        new MigrationRecord(
            "default/vm-1", "mig-1", "n1", "n2", 1, T0, T0.plusMillis(1500), "Succeeded", "");
    MigrationRecord running =
        new MigrationRecord("default/vm-2", "mig-2", "n1", "", 1, T0, null, "", "");
    NodeRecord rec =
        walked("n1", T0, TEN_S, NodeState.PRE_DRAIN, NodeState.DRAIN)
            .withMigrations(list -> List.of(done, running));

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 1, rec, Optional.empty(), T0.plusSeconds(30));

    assertThat(node.migrations())
        .extracting(
            MigrationDto::vm,
            MigrationDto::from,
            MigrationDto::to,
            MigrationDto::result,
            MigrationDto::durationMs)
        .containsExactly(
            tuple("default/vm-1", "n1", "n2", "Succeeded", 1500L),
            tuple("default/vm-2", "n1", null, "Running", null));
  }

  @Test
  void aCompactSucceededMigrationShowsItsDerivedObjectNameAndSourceNode() {
    MigrationRecord compact =
        new MigrationRecord("default/vm-1", "mig-1", "n1", "n2", 2, T0, null, "", "")
            .finish(MigrationRecord.SUCCEEDED, "", T0.plusSeconds(3));
    assertThat(compact.migration()).isEmpty();
    assertThat(compact.source()).isEmpty();
    NodeRecord rec =
        walked("n1", T0, TEN_S, NodeState.PRE_DRAIN, NodeState.DRAIN)
            .withMigrations(list -> List.of(compact));

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 1, rec, Optional.empty(), T0.plusSeconds(30));

    assertThat(node.migrations())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.migration())
                  .isEqualTo(ResourceNames.migration(UPGRADE, "vm-1", "n1", 2));
              assertThat(m.migration()).isEqualTo("hvst-hvst-upgrade-vm-1-n1-2");
              assertThat(m.from()).isEqualTo("n1");
              assertThat(m.to()).isEqualTo("n2");
              assertThat(m.durationMs()).isEqualTo(3000L);
            });
  }

  @Test
  void mapsStoppedVmsWithTheirRunStrategyAndState() {
    StoppedVm stopped =
        new StoppedVm("default/pinned", "RerunOnFailure", "n1", StoppedVm.State.STOPPED, T0);
    NodeRecord rec =
        walked("n1", T0, TEN_S, NodeState.PRE_DRAIN).withStoppedVms(list -> List.of(stopped));

    NodeProgress node =
        NodeProgressAssembler.node(UPGRADE, 1, rec, Optional.empty(), T0.plusSeconds(5));

    assertThat(node.stoppedVms())
        .singleElement()
        .satisfies(
            vm -> {
              assertThat(vm.vm()).isEqualTo("default/pinned");
              assertThat(vm.state()).isEqualTo("STOPPED");
              assertThat(vm.runStrategy()).isEqualTo("RerunOnFailure");
              assertThat(vm.node()).isEqualTo("n1");
            });
  }
}
