package io.hvst.simulator.session;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the controller at random journal writes, as a cluster under maintenance would: a
 * graceful replacement or a crash that loses whatever the controller had not yet sent, chosen by
 * the seed. The next kill point is chosen once the new controller runs, so kills never overlap.
 */
public final class RandomRestarts {

  private static final Logger LOG = LoggerFactory.getLogger(RandomRestarts.class);

  private final UpgradeSession session;
  private final Random random;
  private final int maxGap;
  private final int limit;
  private final AtomicInteger planned = new AtomicInteger();

  private RandomRestarts(UpgradeSession session, long seed, int maxGap, int limit) {
    this.session = session;
    this.random = new Random(seed);
    this.maxGap = maxGap;
    this.limit = limit;
  }

  /**
   * Starts restarting: the next restart comes 1 to {@code maxGap} journal writes after the previous
   * one, at most {@code limit} times.
   */
  public static RandomRestarts start(UpgradeSession session, long seed, int maxGap, int limit) {
    RandomRestarts restarts = new RandomRestarts(session, seed, maxGap, limit);
    restarts.scheduleNext();
    return restarts;
  }

  private synchronized void scheduleNext() {
    if (planned.get() >= limit) {
      return;
    }
    boolean crash = random.nextBoolean();
    int gap = 1 + random.nextInt(maxGap);
    CompletableFuture<Void> restarted = null;
    while (restarted == null) {
      // The controller keeps writing meanwhile; a point it already passed is chosen again.
      long at = session.cluster().journalWrites().count() + gap;
      try {
        restarted =
            crash ? session.crashAfterJournalWrite(at) : session.restartAfterJournalWrite(at);
        LOG.info("Controller will be {} after journal write {}", crash ? "killed" : "replaced", at);
      } catch (IllegalStateException passed) {
        LOG.debug("Journal write {} already happened; choosing again", at);
      }
    }
    planned.incrementAndGet();
    CompletableFuture<Void> unused = restarted.whenComplete((ok, error) -> scheduleNext());
  }
}
