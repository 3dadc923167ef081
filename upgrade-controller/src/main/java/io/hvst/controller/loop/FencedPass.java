package io.hvst.controller.loop;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pass only while the lease fence holds. A replica whose elector says it leads but whose own
 * view of the Lease does not (yet) name it as a freshly renewed holder looks again a little later:
 * at takeover the lease watch is usually a few milliseconds behind, and a deposed leader hears from
 * its elector within the renew deadline. Without this, each skipped pass asked for the next at
 * once, a busy loop for as long as the fence stayed shut.
 */
final class FencedPass implements ReconcileLoop.Pass {

  static final Duration RETRY = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(FencedPass.class);

  private final LeadershipFence fence;
  private final Clock clock;
  private final ReconcileLoop.Pass pass;
  private boolean shut;

  FencedPass(LeadershipFence fence, Clock clock, ReconcileLoop.Pass pass) {
    this.fence = fence;
    this.clock = clock;
    this.pass = pass;
  }

  @Override
  public Reconciler.Outcome run() {
    if (!fence.holds()) {
      if (!shut) {
        LOG.debug("Not acting: the Lease does not show this replica as its holder yet");
        shut = true;
      }
      return new Reconciler.Outcome(false, Optional.of(clock.instant().plus(RETRY)));
    }
    shut = false;
    return pass.run();
  }
}
