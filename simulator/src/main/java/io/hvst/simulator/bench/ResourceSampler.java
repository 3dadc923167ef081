package io.hvst.simulator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Samples CPU time per thread and heap use while a size runs. CPU of a thread that ends between two
 * samples is lost up to one period; heap is sampled, so a peak between samples is missed.
 */
final class ResourceSampler implements AutoCloseable {

  /** CPU and heap over the sampled window. */
  record Usage(
      long controllerCpuNanos,
      long otherThreadsCpuNanos,
      long processCpuNanos,
      long peakHeapBytes) {

    /** What no Java thread accounts for: GC, JIT compilers, threads that ended unsampled. */
    long jvmCpuNanos() {
      return Math.max(0, processCpuNanos - controllerCpuNanos - otherThreadsCpuNanos);
    }
  }

  private static final long PERIOD_MILLIS = 50;

  private final ControllerThreads controller;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Map<Long, Long> baseline = new HashMap<>();
  private final Map<Long, Long> latest = new HashMap<>();
  private final Set<Long> controllerIds = new HashSet<>();
  private final Thread sampler = new Thread(this::loop, "hvst-bench-sampler");
  private long processStart;
  private long peakHeap;
  private volatile boolean running;

  ResourceSampler(ControllerThreads controller) {
    this.controller = controller;
    sampler.setDaemon(true);
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  /**
   * CPU the controller's threads used from their start until now: what starting it cost, when
   * called before the upgrade begins.
   */
  long controllerCpuSoFarNanos() {
    long sum = controller.finishedThreadsCpuNanos();
    for (long id : controller.liveIds()) {
      sum += Math.max(0, threads.getThreadCpuTime(id));
    }
    return sum;
  }

  /** Takes the baseline and samples until {@link #stop()}. */
  synchronized void start() {
    sample();
    baseline.putAll(latest);
    processStart = os.getProcessCpuTime();
    peakHeap = memory.getHeapMemoryUsage().getUsed();
    running = true;
    sampler.start();
  }

  /** Stops sampling and returns the usage since {@link #start()}. */
  Usage stop() {
    close();
    synchronized (this) {
      sample();
      long process = os.getProcessCpuTime() - processStart;
      long mine = 0;
      long others = 0;
      for (Map.Entry<Long, Long> e : latest.entrySet()) {
        long used = e.getValue() - baseline.getOrDefault(e.getKey(), 0L);
        if (controllerIds.contains(e.getKey())) {
          mine += used;
        } else {
          others += used;
        }
      }
      return new Usage(mine, others, process, peakHeap);
    }
  }

  private void loop() {
    while (running) {
      synchronized (this) {
        sample();
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sample() {
    controllerIds.addAll(controller.liveIds());
    long[] ids = threads.getAllThreadIds();
    long[] cpu = threads.getThreadCpuTime(ids);
    for (int i = 0; i < ids.length; i++) {
      if (cpu[i] >= 0) {
        latest.merge(ids[i], cpu[i], Math::max);
      }
    }
    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
