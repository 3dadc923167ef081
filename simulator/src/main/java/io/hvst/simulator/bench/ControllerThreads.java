package io.hvst.simulator.bench;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The threads the controller owns. The controller is started from a thread of its own {@link
 * ThreadGroup}, and a thread joins its creator's group: so its Spring threads, its reconcile
 * thread, its fabric8 client's Vert.x event loops, informer and executor threads all land in this
 * group, and the simulator's and the API server's threads do not. JVM-wide pools that any thread
 * may happen to start (the common ForkJoinPool, fabric8's shared scheduler) are left out.
 */
final class ControllerThreads {

  private static final String[] SHARED = {"ForkJoinPool.commonPool", "CachedSingleThreadScheduler"};

  private final ThreadGroup group = new ThreadGroup("hvst-controller");
  private final AtomicLong finishedThreadsCpuNanos = new AtomicLong();

  /** Runs {@code work} on a new thread of the group, waits for it and returns its result. */
  <T> T callInGroup(String name, Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            group,
            () -> {
              try {
                result.set(work.get());
              } catch (RuntimeException e) {
                failure.set(e);
              } finally {
                finishedThreadsCpuNanos.addAndGet(
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
              }
            },
            name);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name, e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** CPU time of the threads {@link #callInGroup} ran, which have ended since. */
  long finishedThreadsCpuNanos() {
    return finishedThreadsCpuNanos.get();
  }

  /** Ids of the group's live threads, shared pools left out. */
  Set<Long> liveIds() {
    Thread[] threads = new Thread[group.activeCount() + 16];
    int n = group.enumerate(threads, true);
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (!isShared(threads[i].getName())) {
        ids.add(threads[i].getId());
      }
    }
    return ids;
  }

  private static boolean isShared(String name) {
    for (String prefix : SHARED) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
