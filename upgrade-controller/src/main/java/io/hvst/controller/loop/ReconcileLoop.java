package io.hvst.controller.loop;

import io.github.resilience4j.core.IntervalFunction;
import io.hvst.controller.kube.ApiUnavailableException;
import io.hvst.controller.kube.TransientFailures;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reconcile passes on one thread. Watch events trigger a pass (coalesced by a short debounce);
 * timers only bound waits: the earliest deadline a decision asked for, a slow resync as a safety
 * net, and backoff after errors. Only an active (leading) loop runs passes.
 *
 * <p>An {@link Error} in a pass (out of memory, a class that cannot load) is not retried: the loop
 * stops for good, says so at ERROR, and tells {@link #onFatal} so that the replica gives up its
 * lease and reports itself broken. A replica that silently stops passing would hold the upgrade.
 */
public final class ReconcileLoop implements AutoCloseable {

  /** One reconcile pass: observe, decide, act, record. */
  @FunctionalInterface
  public interface Pass {
    Reconciler.Outcome run();
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

  private final Pass reconciler;
  private final Clock clock;
  private final Duration debounce;
  private final Duration resync;
  private final IntervalFunction errorBackoff;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hvst-reconcile");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile boolean active;
  private volatile boolean crashed;
  private volatile Consumer<Error> onFatal = e -> {};
  private ScheduledFuture<?> wake;
  private ScheduledFuture<?> safetyNet;
  private int failures;

  public ReconcileLoop(
      Pass reconciler,
      Clock clock,
      Duration debounce,
      Duration resync,
      IntervalFunction errorBackoff) {
    this.reconciler = reconciler;
    this.clock = clock;
    this.debounce = debounce;
    this.resync = resync;
    this.errorBackoff = errorBackoff;
  }

  /** Something changed: run a pass soon (passes requested meanwhile collapse into one). */
  public void trigger() {
    if (active && queued.compareAndSet(false, true)) {
      // pass() handles its own failures, so the future carries nothing worth keeping.
      ScheduledFuture<?> unused =
          thread.schedule(this::pass, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** True once a {@link ControllerCrash} or an {@link Error} stopped this loop for good. */
  public boolean crashed() {
    return crashed;
  }

  /** Told, once, of the {@link Error} that stopped this loop for good. */
  public void onFatal(Consumer<Error> listener) {
    onFatal = listener;
  }

  /** This replica leads: start acting. */
  public synchronized void activate() {
    if (crashed) {
      return;
    }
    active = true;
    safetyNet =
        thread.scheduleWithFixedDelay(
            this::trigger, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Reconcile loop active");
    trigger();
  }

  /** This replica lost leadership: stop acting at once. */
  public synchronized void deactivate() {
    active = false;
    cancel(wake);
    cancel(safetyNet);
    LOG.info("Reconcile loop stopped");
  }

  public boolean isActive() {
    return active;
  }

  @Override
  public void close() {
    deactivate();
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pass() {
    queued.set(false);
    if (!active) {
      return;
    }
    try {
      Reconciler.Outcome outcome = reconciler.run();
      failures = 0;
      if (outcome.again()) {
        trigger();
      }
      outcome.wakeAt().ifPresent(this::wakeAt);
    } catch (ControllerCrash e) {
      LOG.warn("Controller crashed on purpose: {}", e.getMessage());
      active = false;
      crashed = true;
    } catch (ApiUnavailableException e) {
      retryLater(e.getMessage());
    } catch (RuntimeException e) {
      if (!active) {
        LOG.debug("Reconcile pass cut short by the loop stopping: {}", e.toString());
        return;
      }
      if (TransientFailures.code(e) == HttpURLConnection.HTTP_CONFLICT) {
        // Someone changed an object since we read it: the next pass re-reads and decides again.
        retryLater("conflict: " + firstLine(e.getMessage()));
        return;
      }
      LOG.error("Reconcile pass failed; retrying with backoff", e);
      retryLater(e.toString());
    } catch (Error e) {
      LOG.error(
          "Reconcile pass hit a fatal error; this replica stops acting, gives up its lease and"
              + " reports itself not alive so that it is restarted",
          e);
      crashed = true;
      deactivate();
      onFatal.accept(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int cut = message.indexOf(". Received status");
    return cut > 0 ? message.substring(0, cut) : message;
  }

  private void retryLater(String why) {
    failures++;
    long delay = errorBackoff.apply(failures);
    LOG.warn("Reconcile pass {} failed ({}); next try in {} ms", failures, why, delay);
    schedule(Duration.ofMillis(delay));
  }

  private void wakeAt(Instant at) {
    schedule(Duration.between(clock.instant(), at));
  }

  private synchronized void schedule(Duration in) {
    if (!active) {
      return;
    }
    long millis = Math.max(0, in.toMillis()) + 1;
    if (wake != null && !wake.isDone() && wake.getDelay(TimeUnit.MILLISECONDS) <= millis) {
      return;
    }
    cancel(wake);
    wake = thread.schedule(this::trigger, millis, TimeUnit.MILLISECONDS);
  }

  private static void cancel(ScheduledFuture<?> future) {
    Optional.ofNullable(future).ifPresent(f -> f.cancel(false));
  }
}
