package io.hvst.simulator.api;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fabric8 CRUD mock, plus the API server behaviour it lacks. Each request is counted, then
 * offered to the {@link ApiBehaviour}s in order (the controller's link, injected faults, the
 * Eviction API, admission checks); the first that answers wins, otherwise the CRUD store answers.
 *
 * <p>Requests are dispatched on the mock server's event loop: behaviours must not block or wait.
 */
public final class SimulatorDispatcher extends KubernetesCrudDispatcher {

  private final ApiRequestCounter counter = new ApiRequestCounter();
  private final List<ApiBehaviour> behaviours = new CopyOnWriteArrayList<>();

  public SimulatorDispatcher() {
    super(List.of());
    behaviours.add(new MergePatchBehaviour());
  }

  public ApiRequestCounter counter() {
    return counter;
  }

  public void add(ApiBehaviour behaviour) {
    behaviours.add(behaviour);
  }

  /** Adds a behaviour that is asked before all others (faults come before the real answer). */
  public void addFirst(ApiBehaviour behaviour) {
    behaviours.add(0, behaviour);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    counter.count(request.getHeader("User-Agent"), verb(request));
    return answerAfter(null, request);
  }

  /**
   * What the behaviours after {@code behaviour} (all of them when null), or the CRUD store, answer:
   * for a behaviour that acts on the real answer instead of replacing it.
   */
  public MockResponse answerAfter(ApiBehaviour behaviour, RecordedRequest request) {
    List<ApiBehaviour> chain = new ArrayList<>(behaviours);
    for (int i = chain.indexOf(behaviour) + 1; i < chain.size(); i++) {
      MockResponse answer = chain.get(i).handle(request, this);
      if (answer != null) {
        return answer;
      }
    }
    return super.dispatch(request);
  }

  /** The Kubernetes verb of a request: get, list, watch, create, update, patch or delete. */
  String verb(RecordedRequest request) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String path = request.getPath();
    return switch (method) {
      case "GET" -> {
        if (path.contains("watch=true")) {
          yield "watch";
        }
        yield getKey(path).containsKey(KubernetesAttributesExtractor.NAME) ? "get" : "list";
      }
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }
}
