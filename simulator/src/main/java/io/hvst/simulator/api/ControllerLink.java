package io.hvst.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The network between the controller and the API server. Cut, nothing the controller sends reaches
 * the cluster (each request is refused with 503), as with a killed pod whose last requests die with
 * it, or a partitioned one. Watches already open keep streaming; the controller cannot act on them.
 * With several replicas, one client (one replica's User-Agent) can be cut alone.
 */
public final class ControllerLink implements ApiBehaviour {

  private final String agentPrefix;
  private volatile boolean cut;
  private final Set<String> cutClients = ConcurrentHashMap.newKeySet();
  private final LongAdder refused = new LongAdder();

  public ControllerLink(String agentPrefix) {
    this.agentPrefix = agentPrefix;
  }

  public void cut() {
    cut = true;
  }

  /**
   * Cuts only the client whose User-Agent is exactly {@code userAgent} (one replica of several).
   */
  public void cut(String userAgent) {
    cutClients.add(userAgent);
  }

  /** Restores every client's link, those cut one by one included. */
  public void restore() {
    cut = false;
    cutClients.clear();
  }

  public boolean isCut() {
    return cut;
  }

  /** Requests refused while the link was cut. */
  public long refused() {
    return refused.sum();
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
    String agent = request.getHeader("User-Agent");
    if (agent == null || !agent.startsWith(agentPrefix) || !(cut || cutClients.contains(agent))) {
      return null;
    }
    refused.increment();
    return Statuses.failure(
        503, "ServiceUnavailable", "the simulator cut this client off the API server", "", "");
  }
}
