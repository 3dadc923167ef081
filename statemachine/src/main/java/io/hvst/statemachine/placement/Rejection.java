package io.hvst.statemachine.placement;

import java.util.Objects;

/**
 * Why one node cannot take one VM.
 *
 * @param detail what is wrong with the node, without its name (e.g. "lacks CPU features avx512f")
 */
public record Rejection(String node, Reason reason, String detail) {

  /** The rule a node broke; the first broken rule is the one reported. */
  public enum Reason {
    SOURCE_NODE,
    EXCLUDED,
    NOT_READY,
    CORDONED,
    NOT_SCHEDULABLE,
    TAINTED,
    VENDOR_MISMATCH,
    MODEL_UNSUPPORTED,
    HOST_MODEL_MISMATCH,
    MISSING_CPU_FEATURES,
    NODE_SELECTOR,
    AFFINITY,
    INSUFFICIENT_MEMORY,
    INSUFFICIENT_CPU
  }

  public Rejection {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
  }

  /** "node-3: lacks CPU features avx512f, pcid". */
  public String describe() {
    return node + ": " + detail;
  }
}
