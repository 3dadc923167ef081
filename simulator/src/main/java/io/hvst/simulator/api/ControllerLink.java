package io.hvst.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.atomic.LongAdder;

/**
 * The network between the controller and the API server. Cut, nothing the controller sends reaches
 * the cluster (each request is refused with 503), as with a killed pod whose last requests die with
 * it, or a partitioned one. Watches already open keep streaming; the controller cannot act on them.
 */
public final class ControllerLink implements ApiBehaviour {

  private final String agentPrefix;
  private volatile boolean cut;
  private final LongAdder refused = new LongAdder();

  public ControllerLink(String agentPrefix) {
    this.agentPrefix = agentPrefix;
  }

  public void cut() {
    cut = true;
  }

  public void restore() {
    cut = false;
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
    if (!cut || agent == null || !agent.startsWith(agentPrefix)) {
      return null;
    }
    refused.increment();
    return Statuses.failure(
        503, "ServiceUnavailable", "the simulator cut this client off the API server", "", "");
  }
}
