package io.hvst.controller.api.assemble;

import static io.hvst.controller.api.assemble.Fixtures.T0;
import static io.hvst.controller.api.assemble.Fixtures.facts;
import static io.hvst.controller.api.assemble.Fixtures.journal;
import static io.hvst.controller.api.assemble.Fixtures.succeeded;
import static io.hvst.controller.api.assemble.Fixtures.upgrade;
import static io.hvst.controller.api.assemble.Fixtures.walked;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.controller.api.dto.ProgressPhase;
import io.hvst.controller.api.dto.UpgradeSummary;
import io.hvst.controller.journal.JournalRead;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryAssemblerTest {

  @Test
  void countsNodesInEveryStateZerosIncludedInLifecycleOrder() {
    Journal journal =
        journal(
            UpgradePhase.UPGRADING_NODES,
            List.of("a", "b", "c"),
            succeeded("a", T0, Duration.ofSeconds(1)),
            walked("b", T0, Duration.ofSeconds(1), NodeState.PRE_DRAIN),
            NodeRecord.queued("c"));

    UpgradeSummary summary = SummaryAssembler.summary(facts(journal));

    assertThat(summary.nodesByState().keySet()).containsExactly(NodeState.values());
    assertThat(summary.nodesByState())
        .containsEntry(NodeState.SUCCEEDED, 1L)
        .containsEntry(NodeState.PRE_DRAIN, 1L)
        .containsEntry(NodeState.QUEUED, 1L)
        .containsEntry(NodeState.FAILED, 0L);
    assertThat(summary.phase()).isEqualTo(ProgressPhase.UPGRADING_NODES);
    assertThat(summary.version()).isEqualTo("v1.5.0");
    assertThat(summary.harvesterState()).isEqualTo("UpgradingNodes");
    assertThat(summary.startedAt()).isEqualTo(T0);
    assertThat(summary.finishedAt()).isNull();
    assertThat(summary.reason()).isNull();
  }

  @Test
  void aSucceededUpgradeHasAFinishTime() {
    Journal journal =
        journal(UpgradePhase.SUCCEEDED, List.of("a"), succeeded("a", T0, Duration.ofSeconds(1)));

    UpgradeSummary summary = SummaryAssembler.summary(facts(journal));

    assertThat(summary.phase()).isEqualTo(ProgressPhase.SUCCEEDED);
    assertThat(summary.finishedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void anUpgradeWithoutJournalHasNoNodesAndNoTimes() {
    UpgradeSummary summary =
        SummaryAssembler.summary(facts(upgrade("fresh"), new JournalRead.Absent()));

    assertThat(summary.phase()).isEqualTo(ProgressPhase.PENDING);
    assertThat(summary.nodesByState().values()).containsOnly(0L);
    assertThat(summary.startedAt()).isNull();
  }
}
