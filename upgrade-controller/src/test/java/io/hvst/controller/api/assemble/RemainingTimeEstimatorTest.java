package io.hvst.controller.api.assemble;

import static io.hvst.controller.api.assemble.Fixtures.T0;
import static io.hvst.controller.api.assemble.Fixtures.journal;
import static io.hvst.controller.api.assemble.Fixtures.succeeded;
import static io.hvst.controller.api.assemble.Fixtures.walked;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.controller.api.dto.RemainingTime;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemainingTimeEstimatorTest {

  private static final List<String> ORDER = List.of("a", "b", "c", "d");

  @Test
  void estimatesNothingUntilANodeHasFinished() {
    NodeRecord inProgress =
        walked("a", T0, Duration.ofSeconds(10), NodeState.PRE_DRAIN, NodeState.DRAIN);
    Journal journal =
        journal(UpgradePhase.UPGRADING_NODES, ORDER, inProgress, NodeRecord.queued("b"));

    RemainingTime estimate = RemainingTimeEstimator.estimate(journal, T0.plusSeconds(60));

    assertThat(estimate.remainingMs()).isNull();
    assertThat(estimate.meanNodeMs()).isNull();
    assertThat(estimate.basedOnNodes()).isZero();
    assertThat(estimate.remainingNodes()).isEqualTo(2);
  }

  @Test
  void countsTheMeanOfSucceededNodesPerQueuedNodeAndWhatIsLeftOfItForTheNodeInProgress() {
    // a: 6 steps x 10 s = 60 s; b: 6 x 20 s = 120 s; mean 90 s.
    NodeRecord a = succeeded("a", T0, Duration.ofSeconds(10));
    NodeRecord b = succeeded("b", T0.plusSeconds(60), Duration.ofSeconds(20));
    Instant cStart = T0.plusSeconds(180);
    NodeRecord c =
        walked("c", cStart, Duration.ofSeconds(10), NodeState.PRE_DRAIN, NodeState.DRAIN);
    Journal journal = journal(UpgradePhase.UPGRADING_NODES, ORDER, a, b, c, NodeRecord.queued("d"));

    // c has spent 30 s so far: 60 s left of the mean; d counts the whole mean.
    RemainingTime estimate = RemainingTimeEstimator.estimate(journal, cStart.plusSeconds(30));

    assertThat(estimate.meanNodeMs()).isEqualTo(90_000);
    assertThat(estimate.basedOnNodes()).isEqualTo(2);
    assertThat(estimate.remainingNodes()).isEqualTo(2);
    assertThat(estimate.remainingMs()).isEqualTo(60_000 + 90_000);
  }

  @Test
  void aNodeSlowerThanTheMeanCountsZeroNotLessThanZero() {
    NodeRecord a = succeeded("a", T0, Duration.ofSeconds(10));
    Instant bStart = T0.plusSeconds(60);
    NodeRecord b = walked("b", bStart, Duration.ofSeconds(10), NodeState.PRE_DRAIN);
    Journal journal = journal(UpgradePhase.UPGRADING_NODES, List.of("a", "b"), a, b);

    RemainingTime estimate = RemainingTimeEstimator.estimate(journal, bStart.plusSeconds(600));

    assertThat(estimate.remainingMs()).isZero();
  }

  @Test
  void isZeroOnceTheUpgradeSucceeded() {
    Journal journal =
        journal(
            UpgradePhase.SUCCEEDED,
            List.of("a", "b"),
            succeeded("a", T0, Duration.ofSeconds(10)),
            succeeded("b", T0.plusSeconds(60), Duration.ofSeconds(10)));

    RemainingTime estimate = RemainingTimeEstimator.estimate(journal, T0.plusSeconds(600));

    assertThat(estimate.remainingMs()).isZero();
    assertThat(estimate.meanNodeMs()).isEqualTo(60_000);
    assertThat(estimate.remainingNodes()).isZero();
  }

  @Test
  void isUnknownForAFailedUpgradeThatWillNotGoOnByItself() {
    NodeRecord b =
        walked("b", T0.plusSeconds(60), Duration.ofSeconds(5), NodeState.PRE_DRAIN)
            .enter(NodeState.FAILED, T0.plusSeconds(70));
    Journal journal =
        journal(
            UpgradePhase.FAILED,
            List.of("a", "b", "c"),
            succeeded("a", T0, Duration.ofSeconds(10)),
            b,
            NodeRecord.queued("c"));

    RemainingTime estimate = RemainingTimeEstimator.estimate(journal, T0.plusSeconds(600));

    assertThat(estimate.remainingMs()).isNull();
    assertThat(estimate.meanNodeMs()).isEqualTo(60_000);
    assertThat(estimate.remainingNodes()).isEqualTo(1);
  }
}
