package io.hvst.simulator.sandbox;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A terminal region redrawn in place with ANSI cursor movement: the progress table, then the latest
 * change lines. It redraws at most every {@link #FRAME_MS} ms when something changed, and once a
 * second otherwise (the elapsed times move on their own).
 */
final class ProgressScreen implements AutoCloseable {

  static final long FRAME_MS = 250;
  static final long TICK_MS = 1000;
  static final int RECENT = 8;
  private static final String ESC = "\u001b[";

  private final PrintStream out;
  private final Supplier<List<String>> table;
  private final int width;
  private final Deque<String> recent = new ArrayDeque<>();
  private final ScheduledExecutorService frames =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hvst-progress");
            t.setDaemon(true);
            return t;
          });
  private boolean dirty = true;
  private boolean closed;
  private long lastDraw;
  private int drawn;

  ProgressScreen(PrintStream out, Supplier<List<String>> table) {
    this.out = out;
    this.table = table;
    this.width = columns();
  }

  void start() {
    ScheduledFuture<?> unused =
        frames.scheduleWithFixedDelay(this::frame, 0, FRAME_MS, TimeUnit.MILLISECONDS);
  }

  /** A change line; it shows under the table from the next frame on. */
  synchronized void event(String line) {
    recent.addLast(line);
    while (recent.size() > RECENT) {
      recent.removeFirst();
    }
    dirty = true;
  }

  private void frame() {
    long now = System.currentTimeMillis();
    synchronized (this) {
      if (!dirty && now - lastDraw < TICK_MS) {
        return;
      }
    }
    redraw();
  }

  private void redraw() {
    List<String> lines = new ArrayList<>(table.get());
    synchronized (this) {
      if (closed) {
        return;
      }
      lines.add("");
      lines.addAll(recent);
      StringBuilder frame = new StringBuilder();
      if (drawn > 0) {
        frame.append(ESC).append(drawn).append('A').append('\r');
      }
      for (String line : lines) {
        frame.append(ESC).append("2K").append(clip(line)).append('\n');
      }
      frame.append(ESC).append('J');
      out.print(frame);
      out.flush();
      drawn = lines.size();
      dirty = false;
      lastDraw = System.currentTimeMillis();
    }
  }

  /** A line longer than the terminal would wrap and throw the cursor arithmetic off. */
  private String clip(String line) {
    return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
  }

  private static int columns() {
    try {
      return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "160")));
    } catch (NumberFormatException e) {
      return 160;
    }
  }

  /** Stops redrawing after a last frame, so what follows prints below the table. */
  @Override
  public void close() {
    frames.shutdownNow();
    try {
      if (!frames.awaitTermination(1, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    redraw();
    synchronized (this) {
      closed = true;
    }
  }
}
