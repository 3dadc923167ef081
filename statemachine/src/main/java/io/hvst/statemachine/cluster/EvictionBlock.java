package io.hvst.statemachine.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * The API server refused to evict a pod (429: a PodDisruptionBudget, or KubeVirt starting an
 * evacuation). Observed from the answers to our own requests; not retried before {@code
 * retryAfter}.
 */
public record EvictionBlock(String pod, Instant retryAfter, String message) {
  public EvictionBlock {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(retryAfter, "retryAfter");
    message = message == null ? "" : message;
  }
}
