package io.hvst.simulator.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Eviction API ({@code POST .../pods/{name}/eviction}), which the CRUD mock lacks. KubeVirt's
 * eviction webhook answers first for virt-launcher pods, then PodDisruptionBudgets decide; an
 * allowed eviction deletes the pod and answers 201.
 */
public final class EvictionBehaviour implements ApiBehaviour {

  private static final Pattern EVICTION =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/eviction$");

  private final Store store;
  private final LauncherEvictionWebhook webhook;
  private final DisruptionBudgets budgets;
  private final List<Consumer<Pod>> refusals = new CopyOnWriteArrayList<>();

  public EvictionBehaviour(Store store, java.time.Clock clock) {
    this.store = store;
    this.webhook = new LauncherEvictionWebhook(store);
    this.budgets = new DisruptionBudgets(store, clock);
  }

  /**
   * Runs {@code then} once, when the first eviction of a pod that {@code which} accepts is refused
   * (by a budget or KubeVirt's webhook).
   */
  public void onFirstRefusal(Predicate<Pod> which, Runnable then) {
    AtomicBoolean done = new AtomicBoolean();
    refusals.add(
        pod -> {
          if (which.test(pod) && done.compareAndSet(false, true)) {
            then.run();
          }
        });
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher dispatcher) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      return null;
    }
    Matcher m = EVICTION.matcher(Store.route(request));
    return m.matches() ? evict(m.group(1), m.group(2)) : null;
  }

  private synchronized MockResponse evict(String namespace, String name) {
    String path = "/api/v1/namespaces/" + namespace + "/pods/" + name;
    Optional<Pod> found = store.get(path, Pod.class);
    if (found.isEmpty()) {
      return Statuses.notFound("pods", name);
    }
    Pod pod = found.get();
    if (!finished(pod)) {
      Optional<MockResponse> refusal = webhook.admit(pod).or(() -> budgets.admit(pod));
      if (refusal.isPresent()) {
        refusals.forEach(l -> l.accept(pod));
        return refusal.get();
      }
    }
    store.delete(path);
    return Statuses.success(HttpURLConnection.HTTP_CREATED);
  }

  /** The API server evicts a finished pod whatever the budgets say. */
  private static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? "" : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }
}
