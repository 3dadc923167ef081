package io.hvst.simulator.bench;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.status.StepDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The upgrade's timeline as its journal recorded it: the makespan (PENDING to the terminal phase),
 * and the parts the pipeline model needs.
 *
 * @param headMs from PENDING to the first node's PRE_DRAIN
 * @param tailMs from the last node's SUCCEEDED to the terminal phase (the drift watch)
 * @param meanStepMs each step's mean duration over the nodes, in step order
 */
record JournalTimeline(
    long makespanMs,
    long headMs,
    long tailMs,
    List<PipelineModel.NodeParts> nodes,
    Map<String, Long> meanStepMs) {

  private static final Set<UpgradePhase> TERMINAL =
      EnumSet.of(UpgradePhase.SUCCEEDED, UpgradePhase.FAILED, UpgradePhase.ABORTED);
  private static final Set<NodeState> EVACUATE =
      EnumSet.of(NodeState.PRE_DRAIN, NodeState.REPO_VM_MIGRATION, NodeState.DRAIN);

  /** Empty while the upgrade has not ended. */
  static Optional<JournalTimeline> of(Journal journal) {
    UpgradePhase phase = journal.upgrade().phase();
    Optional<Instant> start = journal.upgrade().enteredAt(UpgradePhase.PENDING);
    Optional<Instant> end = journal.upgrade().enteredAt(phase);
    if (!TERMINAL.contains(phase) || start.isEmpty() || end.isEmpty()) {
      return Optional.empty();
    }
    List<PipelineModel.NodeParts> parts = new ArrayList<>();
    Map<NodeState, Long> stepSums = new EnumMap<>(NodeState.class);
    Instant firstNode = end.get();
    Instant lastNode = start.get();
    for (String name : journal.upgrade().order()) {
      Optional<NodeRecord> rec = journal.node(name);
      if (rec.isEmpty()) {
        continue;
      }
      Map<NodeState, Duration> steps = StepDurations.of(rec.get(), end.get());
      steps.forEach((step, d) -> stepSums.merge(step, d.toMillis(), Long::sum));
      parts.add(parts(steps));
      firstNode = min(firstNode, rec.get().enteredAt(NodeState.PRE_DRAIN).orElse(firstNode));
      lastNode = max(lastNode, rec.get().enteredAt(NodeState.SUCCEEDED).orElse(lastNode));
    }
    return Optional.of(
        new JournalTimeline(
            millis(start.get(), end.get()),
            millis(start.get(), firstNode),
            millis(lastNode, end.get()),
            parts,
            means(stepSums, parts.size())));
  }

  private static Map<String, Long> means(Map<NodeState, Long> sums, int nodes) {
    Map<String, Long> means = new LinkedHashMap<>();
    sums.forEach((step, sum) -> means.put(step.name(), nodes == 0 ? 0 : sum / nodes));
    return means;
  }

  private static PipelineModel.NodeParts parts(Map<NodeState, Duration> steps) {
    long evacuate = 0;
    long service = 0;
    for (Map.Entry<NodeState, Duration> step : steps.entrySet()) {
      if (EVACUATE.contains(step.getKey())) {
        evacuate += step.getValue().toMillis();
      } else {
        service += step.getValue().toMillis();
      }
    }
    return new PipelineModel.NodeParts(evacuate, service);
  }

  private static long millis(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
