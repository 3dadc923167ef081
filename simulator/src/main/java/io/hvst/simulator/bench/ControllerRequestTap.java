package io.hvst.simulator.bench;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.simulator.api.ApiBehaviour;
import io.hvst.simulator.api.SimulatorDispatcher;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.decide.ResourceNames;
import java.util.concurrent.atomic.LongAdder;

/**
 * Looks at the controller's requests without answering them (it always returns null, and reads the
 * body without consuming it): counts its Lease requests (leader election) and its journal writes
 * with their bytes. It sees what reaches the end of the dispatcher's behaviours; JSON merge patches
 * are answered before it, but neither Leases nor the journal are written that way.
 */
final class ControllerRequestTap implements ApiBehaviour {

  private final String journalPath;
  private final LongAdder journalWrites = new LongAdder();
  private final LongAdder journalBytesWritten = new LongAdder();

  ControllerRequestTap(String upgrade) {
    this.journalPath =
        "/api/v1/namespaces/"
            + UpgradeSession.NAMESPACE
            + "/configmaps/"
            + ResourceNames.journal(upgrade);
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
    String agent = request.getHeader("User-Agent");
    if (agent == null || !agent.startsWith(ControllerProperties.DEFAULT_USER_AGENT)) {
      return null;
    }
    String path = request.getPath();
    int query = path.indexOf('?');
    String route = query < 0 ? path : path.substring(0, query);
    if (route.equals(journalPath) && "PUT".equalsIgnoreCase(request.getMethod())) {
      journalWrites.increment();
      journalBytesWritten.add(request.getBody() == null ? 0 : request.getBody().size());
    }
    return null;
  }

  long journalWrites() {
    return journalWrites.sum();
  }

  long journalBytesWritten() {
    return journalBytesWritten.sum();
  }
}
