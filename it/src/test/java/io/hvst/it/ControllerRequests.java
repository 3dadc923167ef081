package io.hvst.it;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.api.ApiBehaviour;
import io.hvst.simulator.api.ApiPath;
import io.hvst.simulator.api.SimulatorDispatcher;
import io.hvst.simulator.api.Store;
import io.hvst.simulator.session.UpgradeSession;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the controller's requests as it sends them (also those a fault then fails), by verb and
 * resource, without answering any. Reads from informers (list, watch) and leader election (leases)
 * are left out: what is counted is the work of the reconcile loop, so a hot loop shows as a count
 * that keeps climbing while nothing changes.
 */
final class ControllerRequests implements ApiBehaviour {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  private ControllerRequests() {}

  /** Taps the session's API server; asked before every other behaviour. */
  static ControllerRequests tap(UpgradeSession session) {
    ControllerRequests tap = new ControllerRequests();
    session.cluster().dispatcher().addFirst(tap);
    return tap;
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
    String agent = request.getHeader("User-Agent");
    if (agent == null || !agent.startsWith(SimulatedCluster.CONTROLLER_USER_AGENT)) {
      return null;
    }
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (request.getPath().contains("watch=true")) {
      return null;
    }
    ApiPath path = ApiPath.parse(Store.route(request)).orElse(null);
    if (path == null || "leases".equals(path.resource())) {
      return null;
    }
    if ("GET".equals(method) && path.name().isEmpty()) {
      return null;
    }
    String object = path.name().isEmpty() ? path.resource() : path.resource() + "/" + path.name();
    counts.computeIfAbsent(method + " " + object, k -> new LongAdder()).increment();
    return null;
  }

  /** Requests so far, by "METHOD resource" or "METHOD resource/name". */
  Map<String, Long> byMethodAndResource() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /**
   * Writes (any method but GET) to one resource, e.g. {@code configmaps}, or to one object, e.g.
   * {@code upgrades/hvst-upgrade}.
   */
  long writes(String resourceOrObject) {
    long n = 0;
    for (Map.Entry<String, LongAdder> e : counts.entrySet()) {
      String object = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      boolean matches =
          object.equals(resourceOrObject) || object.startsWith(resourceOrObject + "/");
      if (!e.getKey().startsWith("GET ") && matches) {
        n += e.getValue().sum();
      }
    }
    return n;
  }
}
