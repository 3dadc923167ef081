package io.hvst.simulator.bench;

import java.util.List;

/**
 * What overlapping the next node's evacuation with the current node's upgrade would give, computed
 * from the measured step durations of a serial run.
 *
 * <p>Each node has an evacuation part {@code E} (PRE_DRAIN + REPO_VM_MIGRATION + DRAIN, as
 * measured) and a service part {@code U} (UPGRADE + POST_DRAIN + RESTORE_SCHEDULING). In the
 * pipeline node i's evacuation starts once node i-1's evacuation is over and node i-2 is back (so
 * at most two nodes are out of service: one upgrading, one evacuating), and node i's upgrade starts
 * once its evacuation is over and node i-1 is back. It is a two-stage flow shop in the controller's
 * order:
 *
 * <pre>
 *   eEnd(i) = max(eEnd(i-1), uEnd(i-2)) + E(i)
 *   uEnd(i) = max(eEnd(i), uEnd(i-1)) + U(i)
 *   pipelined = head + uEnd(last) + tail
 * </pre>
 *
 * where head is the measured time from the Upgrade's PENDING to its first node's PRE_DRAIN and tail
 * the measured time from the last node's SUCCEEDED to the Upgrade's end. The model keeps each
 * step's measured duration; it ignores that an evacuation while another node is down has one target
 * node fewer.
 */
final class PipelineModel {

  /** One node's measured parts, in the controller's order. */
  record NodeParts(long evacuateMs, long serviceMs) {}

  private PipelineModel() {}

  static long pipelinedMs(long headMs, List<NodeParts> nodes, long tailMs) {
    long evacuatedPrev = 0;
    long backPrev = 0;
    long backPrevPrev = 0;
    for (NodeParts n : nodes) {
      long evacuated = Math.max(evacuatedPrev, backPrevPrev) + n.evacuateMs();
      long back = Math.max(evacuated, backPrev) + n.serviceMs();
      evacuatedPrev = evacuated;
      backPrevPrev = backPrev;
      backPrev = back;
    }
    return headMs + backPrev + tailMs;
  }

  /** The same parts run one node after the other: the model's check against the measurement. */
  static long serialMs(long headMs, List<NodeParts> nodes, long tailMs) {
    long sum = nodes.stream().mapToLong(n -> n.evacuateMs() + n.serviceMs()).sum();
    return headMs + sum + tailMs;
  }
}
