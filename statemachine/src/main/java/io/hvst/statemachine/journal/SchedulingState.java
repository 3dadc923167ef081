package io.hvst.statemachine.journal;

import io.hvst.statemachine.cluster.Taint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's scheduling state captured before the controller touched it: whether it was cordoned, and
 * the labels and taints that must survive the upgrade.
 */
public record SchedulingState(
    boolean unschedulable, Map<String, String> labels, List<Taint> taints, Instant capturedAt) {
  public SchedulingState {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    taints = taints == null ? List.of() : List.copyOf(taints);
    Objects.requireNonNull(capturedAt, "capturedAt");
  }
}
