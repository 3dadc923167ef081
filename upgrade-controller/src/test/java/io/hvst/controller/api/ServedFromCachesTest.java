package io.hvst.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Answering never costs the API server a request: everything comes from the caches. */
class ServedFromCachesTest extends ApiContextTest {

  @Autowired private MockMvc mvc;

  @Test
  void manyRequestsToEveryEndpointMakeNoRequestToTheApiServer() throws Exception {
    List<String> paths =
        List.of(
            "/api/v1/upgrades",
            "/api/v1/upgrades/harvester-system/rolling",
            "/api/v1/upgrades/harvester-system/rolling/plan",
            "/api/v1/upgrades/harvester-system/fresh",
            "/api/v1/upgrades/harvester-system/fresh/plan",
            "/api/v1/upgrades/harvester-system/broken",
            "/api/v1/plan?version=v1.5.0");
    ApiTestCluster cluster = ApiTestCluster.get();
    long before = cluster.controllerRequests();
    assertThat(before).as("the controller listed and watched at start").isPositive();

    for (int i = 0; i < 30; i++) {
      for (String path : paths) {
        mvc.perform(get(path)).andExpect(status().isOk());
      }
    }
    mvc.perform(get("/api/v1/upgrades/harvester-system/missing")).andExpect(status().isNotFound());

    assertThat(cluster.controllerRequests()).isEqualTo(before);
  }
}
