package io.hvst.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** API server behaviour the CRUD mock lacks; returns null to let the next one (or CRUD) answer. */
@FunctionalInterface
public interface ApiBehaviour {
  MockResponse handle(RecordedRequest request, SimulatorDispatcher store);
}
