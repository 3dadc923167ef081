package io.hvst.statemachine.status;

import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each step of a node took, from the journal's entry times: a step lasted until the node
 * entered its next state. The step the node is in now is measured up to {@code now}.
 */
public final class StepDurations {

  private StepDurations() {}

  public static Map<NodeState, Duration> of(NodeRecord record, Instant now) {
    List<Map.Entry<NodeState, Instant>> entries = new ArrayList<>(record.entered().entrySet());
    entries.sort(Map.Entry.<NodeState, Instant>comparingByValue().thenComparing(Map.Entry::getKey));
    Map<NodeState, Duration> durations = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      NodeState state = entries.get(i).getKey();
      if (!state.isStep()) {
        continue;
      }
      Instant end =
          i + 1 < entries.size() ? entries.get(i + 1).getValue() : endOf(record, state, now);
      durations.put(state, Duration.between(entries.get(i).getValue(), end));
    }
    return durations;
  }

  /** Total time from the first step to the end (or to now). */
  public static Duration total(NodeRecord record, Instant now) {
    return of(record, now).values().stream().reduce(Duration.ZERO, Duration::plus);
  }

  private static Instant endOf(NodeRecord record, NodeState state, Instant now) {
    return record.state() == state
        ? now
        : record.entered().values().stream().max(Comparator.naturalOrder()).orElse(now);
  }
}
