package io.hvst.controller.api;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.controller.config.ControllerProperties;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fabric8 CRUD mock, counting the requests the controller makes (by its User-Agent) other than
 * leader election's Lease calls, which go on in the background whatever the API does.
 */
final class CountingCrudDispatcher extends KubernetesCrudDispatcher {

  private final AtomicLong controllerRequests = new AtomicLong();

  CountingCrudDispatcher() {
    super(List.of());
  }

  long controllerRequests() {
    return controllerRequests.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    boolean controller = agent != null && agent.startsWith(ControllerProperties.DEFAULT_USER_AGENT);
    if (controller && !request.getPath().startsWith("/apis/coordination.k8s.io/")) {
      controllerRequests.incrementAndGet();
    }
    return super.dispatch(request);
  }
}
