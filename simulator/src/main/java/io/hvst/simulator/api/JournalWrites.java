package io.hvst.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.statemachine.decide.ResourceNames;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The controller's writes of upgrade journals (the ConfigMaps {@code <upgrade>-progress}), numbered
 * from 1 as the API server stores them, for tests that act at a chosen step. Listeners run on a
 * thread of their own, one write after the other, once the write is stored: never inside the API
 * server's request handling, so a listener may stop the controller.
 */
public final class JournalWrites implements ApiBehaviour, AutoCloseable {

  /** One stored journal write; {@code sequence} counts all journals' writes in this cluster. */
  public record Write(String namespace, String upgrade, long sequence) {}

  /** Told of each stored journal write. */
  @FunctionalInterface
  public interface Listener {
    void written(Write write);
  }

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");
  private static final String SUFFIX = ResourceNames.journal("");

  private final String agentPrefix;
  private final ControllerLink link;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService notifier =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "hvst-sim-journal");
            t.setDaemon(true);
            return t;
          });
  private long count;
  private long cutAt;

  public JournalWrites(String agentPrefix, ControllerLink link) {
    this.agentPrefix = agentPrefix;
    this.link = link;
  }

  public synchronized long count() {
    return count;
  }

  public void onWrite(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Runs {@code action} once journal write {@code sequence} is stored (on the listeners' thread).
   */
  public void afterWrite(long sequence, Runnable action) {
    requireAhead(sequence);
    onWrite(
        w -> {
          if (w.sequence() == sequence) {
            action.run();
          }
        });
  }

  /**
   * Cuts the controller's link the moment journal write {@code sequence} is stored: its answer
   * still reaches the controller, nothing sent afterwards reaches the cluster.
   */
  public synchronized void cutControllerAt(long sequence) {
    requireAhead(sequence);
    cutAt = sequence;
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
    String agent = request.getHeader("User-Agent");
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (agent == null || !agent.startsWith(agentPrefix) || !WRITES.contains(method)) {
      return null;
    }
    Optional<ApiPath> path = ApiPath.parse(Store.route(request)).filter(JournalWrites::isConfigMap);
    if (path.isEmpty()) {
      return null;
    }
    // Read before the store answers: it consumes the body.
    String name = path.get().name().isEmpty() ? Store.nameInBody(request) : path.get().name();
    if (!name.endsWith(SUFFIX)) {
      return null;
    }
    MockResponse answer = store.answerAfter(this, request);
    if (answer.code() / 100 == 2) {
      written(path.get().namespace(), name);
    }
    return answer;
  }

  private static boolean isConfigMap(ApiPath path) {
    return path.group().isEmpty() && "configmaps".equals(path.resource());
  }

  private synchronized void written(String namespace, String name) {
    count++;
    if (count == cutAt) {
      link.cut();
    }
    Write write = new Write(namespace, name.substring(0, name.length() - SUFFIX.length()), count);
    for (Listener listener : listeners) {
      notifier.execute(() -> listener.written(write));
    }
  }

  private synchronized void requireAhead(long sequence) {
    if (sequence <= count) {
      throw new IllegalStateException(
          "journal write " + sequence + " already happened (" + count + " so far)");
    }
  }

  @Override
  public void close() {
    notifier.shutdownNow();
  }
}
