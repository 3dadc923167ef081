package io.hvst.controller.loop;

import io.github.resilience4j.core.IntervalFunction;
import io.hvst.controller.act.ActionExecutor;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.journal.JournalStore;
import io.hvst.controller.observe.ClusterCaches;
import io.hvst.controller.observe.SnapshotObserver;
import io.hvst.controller.record.EventRecorder;
import io.hvst.controller.record.StatusWriter;
import io.hvst.controller.record.UpgradeMetrics;
import io.hvst.statemachine.decide.UpgradeDecider;
import java.time.Clock;

/** Assembles the reconciler and its loop from their parts. */
public final class Loops {

  private Loops() {}

  @SuppressWarnings("TooManyParameters")
  public static ReconcileLoop loop(
      ClusterCaches caches,
      SnapshotObserver observer,
      JournalStore journals,
      UpgradeDecider decider,
      ActionExecutor executor,
      StatusWriter status,
      EventRecorder events,
      UpgradeMetrics metrics,
      LeadershipFence fence,
      Clock clock,
      ControllerProperties.Reconcile timing,
      IntervalFunction errorBackoff,
      JournalWriteListener listener) {
    UpgradeReconcile apply =
        new UpgradeReconcile(journals, executor, status, events, metrics, fence, listener);
    Reconciler reconciler = new Reconciler(caches, observer, journals, decider, apply, metrics);
    return new ReconcileLoop(
        new FencedPass(fence, clock, reconciler::reconcileOnce),
        clock,
        timing.debounce(),
        timing.resync(),
        errorBackoff);
  }
}
