package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.RemainingTime;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.status.StepDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Estimates the time an upgrade has left from what it measured so far (the method is documented on
 * {@link RemainingTime}): the mean total step time of the succeeded nodes, once for each queued
 * node, and what is left of it for each node in progress.
 */
public final class RemainingTimeEstimator {

  private RemainingTimeEstimator() {}

  public static RemainingTime estimate(Journal journal, Instant now) {
    List<NodeRecord> succeeded =
        journal.nodeRecords().stream().filter(r -> r.state() == NodeState.SUCCEEDED).toList();
    List<NodeRecord> remaining =
        journal.nodeRecords().stream().filter(r -> !r.state().isTerminal()).toList();
    if (succeeded.isEmpty()) {
      return new RemainingTime(null, null, 0, remaining.size());
    }
    long mean =
        succeeded.stream().mapToLong(r -> StepDurations.total(r, now).toMillis()).sum()
            / succeeded.size();
    return new RemainingTime(
        remainingMs(journal.upgrade().phase(), remaining, mean, now),
        mean,
        succeeded.size(),
        remaining.size());
  }

  private static Long remainingMs(
      UpgradePhase phase, List<NodeRecord> remaining, long mean, Instant now) {
    if (phase == UpgradePhase.SUCCEEDED) {
      return 0L;
    }
    if (phase.isFinished()) {
      return null;
    }
    long total = 0;
    for (NodeRecord rec : remaining) {
      Duration spent =
          rec.state() == NodeState.QUEUED ? Duration.ZERO : StepDurations.total(rec, now);
      total += Math.max(0, mean - spent.toMillis());
    }
    return total;
  }
}
