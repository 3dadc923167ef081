package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.UpgradeSummary;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.NodeState;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** One line of the Upgrade list. */
public final class SummaryAssembler {

  private SummaryAssembler() {}

  public static UpgradeSummary summary(UpgradeFacts facts) {
    Standing standing = Standing.of(facts);
    return new UpgradeSummary(
        facts.request().namespace(),
        facts.request().name(),
        facts.request().version(),
        standing.phase(),
        ResourceStatus.harvesterState(facts.resource()),
        nodesByState(standing.journal()),
        standing.startedAt().orElse(null),
        standing.finishedAt().orElse(null),
        standing.reason().orElse(null));
  }

  /** Every node state with its count, zeros included, in the order nodes walk through them. */
  static Map<NodeState, Long> nodesByState(Optional<Journal> journal) {
    Map<NodeState, Long> counts = new EnumMap<>(NodeState.class);
    for (NodeState state : NodeState.values()) {
      counts.put(state, journal.map(j -> j.countIn(state)).orElse(0L));
    }
    return counts;
  }
}
