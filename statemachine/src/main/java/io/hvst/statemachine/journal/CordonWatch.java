package io.hvst.statemachine.journal;

import java.time.Instant;

/**
 * Whether our cordon sticks. A vcluster-style node syncer (or another controller) may revert it
 * silently; each revert is counted, re-cordoned after a backoff, and too many fail the node before
 * any pod is evicted.
 *
 * @param issuedAt when we last sent the cordon
 * @param since when the node was first seen cordoned in the current streak, or null
 * @param reverts how often it was seen reverted
 * @param retryAfter do not cordon again before this (backoff after a revert), or null
 * @param issue how many cordons we sent; each carries its number in the node's cordon mark
 */
public record CordonWatch(
    Instant issuedAt, Instant since, int reverts, Instant retryAfter, int issue) {

  public static CordonWatch issued(Instant at) {
    return new CordonWatch(at, null, 0, null, 1);
  }

  public CordonWatch seenCordoned(Instant at) {
    return since != null ? this : new CordonWatch(issuedAt, at, reverts, retryAfter, issue);
  }

  public CordonWatch reverted(Instant retry) {
    return new CordonWatch(issuedAt, null, reverts + 1, retry, issue);
  }

  public CordonWatch reissued(Instant at) {
    return new CordonWatch(at, null, reverts, null, issue + 1);
  }

  /** The mark our latest cordon puts on the node. */
  public String mark(String upgrade) {
    return upgrade + "/" + issue;
  }
}
