package io.hvst.controller.api;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole controller application (one Spring context, shared by every subclass) against {@link
 * ApiTestCluster}. Leader election stays on, but another replica holds the Lease for an hour, so
 * this one only watches.
 */
@SpringBootTest(
    properties = {
      "hvst.kubernetes.trust-certs=true",
      "hvst.leader-election.lease-duration=1h",
      "hvst.leader-election.renew-deadline=50m",
      "hvst.leader-election.retry-period=10m",
      "logging.level.io.fabric8=WARN"
    })
@AutoConfigureMockMvc
abstract class ApiContextTest {

  @DynamicPropertySource
  static void cluster(DynamicPropertyRegistry registry) {
    registry.add("hvst.kubernetes.master-url", () -> ApiTestCluster.get().url());
  }
}
