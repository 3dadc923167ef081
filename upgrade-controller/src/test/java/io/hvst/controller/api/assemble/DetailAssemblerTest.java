package io.hvst.controller.api.assemble;

import static io.hvst.controller.api.assemble.Fixtures.T0;
import static io.hvst.controller.api.assemble.Fixtures.facts;
import static io.hvst.controller.api.assemble.Fixtures.journal;
import static io.hvst.controller.api.assemble.Fixtures.succeeded;
import static io.hvst.controller.api.assemble.Fixtures.upgrade;
import static io.hvst.controller.api.assemble.Fixtures.walked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hvst.controller.api.dto.Blocker;
import io.hvst.controller.api.dto.NodeProgress;
import io.hvst.controller.api.dto.ProgressPhase;
import io.hvst.controller.api.dto.UpgradeDetail;
import io.hvst.controller.journal.JournalRead;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.Decision;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetailAssemblerTest {

  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final Instant NOW = T0.plusSeconds(200);

  @Test
  void listsNodesInUpgradeOrderWithVersionsAndTimes() {
    Journal journal =
        journal(
            UpgradePhase.UPGRADING_NODES,
            List.of("node-b", "node-a"),
            succeeded("node-b", T0, TEN_S),
            walked("node-a", T0.plusSeconds(60), TEN_S, NodeState.PRE_DRAIN));

    UpgradeDetail detail = DetailAssembler.detail(facts(journal), Optional.empty(), NOW);

    assertThat(detail.phase()).isEqualTo(ProgressPhase.UPGRADING_NODES);
    assertThat(detail.targetVersion()).isEqualTo("v1.5.0");
    assertThat(detail.previousVersion()).isEqualTo("v1.4.2");
    assertThat(detail.harvesterState()).isEqualTo("UpgradingNodes");
    assertThat(detail.startedAt()).isEqualTo(T0);
    assertThat(detail.finishedAt()).isNull();
    assertThat(detail.observedAt()).isEqualTo(NOW);
    assertThat(detail.nodes())
        .extracting(NodeProgress::position, NodeProgress::node, NodeProgress::state)
        .containsExactly(
            tuple(1, "node-b", NodeState.SUCCEEDED), tuple(2, "node-a", NodeState.PRE_DRAIN));
    assertThat(detail.estimate().meanNodeMs()).isEqualTo(60_000);
  }

  @Test
  void attachesAWaitOnlyToANodeTheDecisionLeavesWhereTheJournalHasIt() {
    NodeRecord moving = walked("node-a", T0, TEN_S, NodeState.PRE_DRAIN, NodeState.DRAIN);
    NodeRecord queued = NodeRecord.queued("node-b");
    Journal stored =
        journal(UpgradePhase.UPGRADING_NODES, List.of("node-a", "node-b"), moving, queued);
    // The next pass would move node-a on to UPGRADE; its wait is about that state, not DRAIN.
    Journal decided = stored.with(moving.enter(NodeState.UPGRADE, NOW));
    UpgradeFacts facts = facts(stored);
    Decision decision =
        decision(
            facts,
            decided,
            new Wait("node-a", Reason.UPGRADE_JOB_RUNNING, null),
            new Wait("node-b", Reason.QUORUM_AT_RISK, "node-c is down"));

    UpgradeDetail detail = DetailAssembler.detail(facts, Optional.of(decision), NOW);

    assertThat(detail.nodes().get(0).reason()).isNull();
    assertThat(detail.nodes().get(1).reason().code()).isEqualTo("QuorumAtRisk");
    assertThat(detail.blocked())
        .extracting(Blocker::node, b -> b.reason().code(), b -> b.reason().message())
        .containsExactly(tuple("node-b", "QuorumAtRisk", "node-c is down"));
  }

  @Test
  void progressWaitsAreNotBlocks() {
    Journal stored =
        journal(
            UpgradePhase.UPGRADING_NODES,
            List.of("node-a"),
            walked("node-a", T0, TEN_S, NodeState.PRE_DRAIN, NodeState.UPGRADE));
    UpgradeFacts facts = facts(stored);
    Decision decision = decision(facts, stored, new Wait("node-a", Reason.NODE_REBOOTING, null));

    UpgradeDetail detail = DetailAssembler.detail(facts, Optional.of(decision), NOW);

    assertThat(detail.nodes().get(0).reason().code()).isEqualTo("NodeRebooting");
    assertThat(detail.blocked()).isEmpty();
  }

  @Test
  void aPausedUpgradeIsBlockedByThePauseAnnotation() {
    Journal journal = journal(UpgradePhase.PAUSED, List.of("node-a"), NodeRecord.queued("node-a"));

    UpgradeDetail detail = DetailAssembler.detail(facts(journal), Optional.empty(), NOW);

    assertThat(detail.blocked())
        .extracting(Blocker::node, b -> b.reason().code())
        .containsExactly(tuple(null, "PausedByUser"));
  }

  @Test
  void aFailedUpgradeSaysWhyAndWhenItEnded() {
    Journal base = journal(UpgradePhase.FAILED, List.of("node-a"), NodeRecord.queued("node-a"));
    Journal failed =
        base.with(
            base.upgrade()
                .withFailure(new Failure(Reason.NODE_FAILED, "Node node-a failed", null, NOW)));

    UpgradeDetail detail = DetailAssembler.detail(facts(failed), Optional.empty(), NOW);

    assertThat(detail.phase()).isEqualTo(ProgressPhase.FAILED);
    assertThat(detail.finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(detail.reason().code()).isEqualTo("NodeFailed");
    assertThat(detail.reason().message()).isEqualTo("Node node-a failed");
  }

  @Test
  void anUnreadableJournalStillAnswersWithItsMessageAndTheResourcesConditions() {
    UpgradeCondition completed =
        new UpgradeCondition("Completed", "False", "JournalUnreadable", "bad json");
    UpgradeFacts facts =
        facts(
            upgrade("hvst-upgrade", completed),
            new JournalRead.Unreadable("Journal harvester-system/x-progress: bad json"));

    UpgradeDetail detail = DetailAssembler.detail(facts, Optional.empty(), NOW);

    assertThat(detail.phase()).isEqualTo(ProgressPhase.JOURNAL_UNREADABLE);
    assertThat(detail.reason().code()).isEqualTo("JournalUnreadable");
    assertThat(detail.reason().message())
        .isEqualTo("Journal harvester-system/x-progress: bad json");
    assertThat(detail.nodes()).isEmpty();
    assertThat(detail.estimate().remainingMs()).isNull();
    assertThat(detail.targetVersion()).isEqualTo("v1.5.0");
    assertThat(detail.conditions())
        .singleElement()
        .satisfies(c -> assertThat(c.type()).isEqualTo("Completed"));
  }

  @Test
  void anUpgradeWithoutJournalIsRefusedWhenItsCompletedConditionSaysSoElsePending() {
    UpgradeCondition refused =
        new UpgradeCondition("Completed", "False", "DowngradeRefused", "The cluster runs v1.6.0");

    UpgradeDetail refusedDetail =
        DetailAssembler.detail(
            facts(upgrade("old", refused), new JournalRead.Absent()), Optional.empty(), NOW);
    UpgradeDetail pendingDetail =
        DetailAssembler.detail(
            facts(upgrade("new"), new JournalRead.Absent()), Optional.empty(), NOW);

    assertThat(refusedDetail.phase()).isEqualTo(ProgressPhase.REFUSED);
    assertThat(refusedDetail.reason().code()).isEqualTo("DowngradeRefused");
    assertThat(refusedDetail.reason().message()).isEqualTo("The cluster runs v1.6.0");
    assertThat(pendingDetail.phase()).isEqualTo(ProgressPhase.PENDING);
    assertThat(pendingDetail.reason()).isNull();
    assertThat(pendingDetail.startedAt()).isNull();
  }

  private static Decision decision(UpgradeFacts facts, Journal decided, Wait... waits) {
    List<UpgradeAction> actions = List.of(waits);
    return new Decision(
        facts.request(), Optional.of(decided), actions, Optional.empty(), Optional.empty());
  }
}
