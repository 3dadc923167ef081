package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.lifecycle.NodeState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The REST API over a real simulated upgrade: before it, while a node is upgraded, and after. */
class RestApiIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final String DETAIL = "/api/v1/upgrades/harvester-system/" + UPGRADE;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void followsAnUpgradeFromPreviewThroughProgressToTheEnd() throws Exception {
    int port = freePort();
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 2, 1), port, Map.of())) {
      Api api = new Api(port);

      JsonNode preview = api.json("/api/v1/plan?version=v1.5.0", 200);
      sample("GET /api/v1/plan?version=v1.5.0", preview);
      assertThat(preview.path("validation").path("valid").asBoolean()).isTrue();
      assertThat(preview.path("validation").path("currentVersion").asText()).isEqualTo("v1.4.2");
      assertThat(texts(preview.path("nodes"), "node"))
          .containsExactly("node-1", "node-2", "node-3");
      assertThat(preview.path("nodes").get(0).path("vms")).hasSize(2);
      assertThat(preview.path("placementPlanning").path("available").asBoolean()).isTrue();
      for (JsonNode node : preview.path("nodes")) {
        assertThat(node.path("placements")).as("%s", node).isNotEmpty();
        assertThat(texts(node.path("placements"), "target"))
            .as("every VM of %s has a planned target", node.path("node").asText())
            .allMatch(t -> !t.equals("null") && !t.equals(node.path("node").asText()));
      }

      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");

      JsonNode during = api.pollJson(DETAIL, RestApiIT::aNodeIsInAStep, Duration.ofSeconds(30));
      sample("GET " + DETAIL + " (during)", during);
      assertThat(during.path("phase").asText()).isEqualTo("UPGRADING_NODES");
      assertThat(during.path("targetVersion").asText()).isEqualTo("v1.5.0");
      assertThat(during.path("previousVersion").asText()).isEqualTo("v1.4.2");
      List<String> order = session.journal(UPGRADE).orElseThrow().upgrade().order();
      assertThat(texts(during.path("nodes"), "node")).containsExactlyElementsOf(order);
      JsonNode inStep = nodeInAStep(during);
      assertThat(inStep.path("harvesterState").asText()).isNotBlank();
      assertThat(inStep.path("steps")).isNotEmpty();
      assertThat(last(inStep.path("steps")).path("current").asBoolean()).isTrue();

      JsonNode midway =
          api.pollJson(
              DETAIL,
              d -> aNodeIsInAStep(d) && d.path("estimate").path("basedOnNodes").asInt() >= 1,
              Duration.ofSeconds(30));
      sample("GET " + DETAIL + " (midway)", midway);
      assertThat(midway.path("estimate").path("meanNodeMs").asLong()).isPositive();
      assertThat(midway.path("estimate").path("remainingMs").isNumber()).isTrue();
      assertThat(midway.path("estimate").path("remainingNodes").asInt()).isBetween(1, 2);

      JsonNode list = api.json("/api/v1/upgrades", 200);
      assertThat(list).hasSize(1);
      assertThat(list.get(0).path("name").asText()).isEqualTo(UPGRADE);

      JsonNode planDuring = api.json(DETAIL + "/plan", 200);
      assertThat(planDuring.path("started").asBoolean()).isTrue();
      assertThat(planDuring.path("orderSource").asText()).isEqualTo("JOURNAL");

      session.awaitFinished(UPGRADE, Duration.ofSeconds(60));
      // phase comes from the journal, harvesterState from the Upgrade's label, which the status
      // write after the last journal write updates a moment later.
      JsonNode after =
          api.pollJson(
              DETAIL,
              d ->
                  "SUCCEEDED".equals(d.path("phase").asText())
                      && "Succeeded".equals(d.path("harvesterState").asText()),
              Duration.ofSeconds(10));
      sample("GET " + DETAIL + " (after)", after);
      assertThat(after.path("finishedAt").isTextual()).isTrue();
      assertThat(after.path("harvesterState").asText()).isEqualTo("Succeeded");
      assertThat(after.path("estimate").path("remainingMs").asLong()).isZero();
      assertThat(after.path("estimate").path("basedOnNodes").asInt()).isEqualTo(3);
      assertThat(after.path("blocked")).isEmpty();
      for (JsonNode node : after.path("nodes")) {
        assertThat(node.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(node.path("harvesterState").asText()).isEqualTo("Succeeded");
        assertThat(texts(node.path("steps"), "state"))
            .containsSubsequence("PRE_DRAIN", "UPGRADE", "RESTORE_SCHEDULING", "SUCCEEDED");
        assertThat(node.path("steps").get(0).path("durationMs").isNumber()).isTrue();
        for (JsonNode m : node.path("migrations")) {
          // A succeeded migration is compact in the journal; the API derives what it dropped.
          assertThat(m.path("result").asText()).isEqualTo("Succeeded");
          assertThat(m.path("migration").asText()).startsWith("hvst-" + UPGRADE + "-");
          assertThat(m.path("from").asText()).isEqualTo(node.path("node").asText());
          assertThat(m.path("to").asText()).isNotBlank().isNotEqualTo(m.path("from").asText());
        }
      }
      assertThat(after.path("nodes").findValues("migrations"))
          .as("the VMs moved off their nodes")
          .anySatisfy(ms -> assertThat(ms).isNotEmpty());
      assertThat(texts(after.path("conditions"), "type")).contains("Completed", "NodesUpgraded");

      JsonNode listAfter = api.json("/api/v1/upgrades", 200);
      sample("GET /api/v1/upgrades (after)", listAfter);
      assertThat(listAfter.get(0).path("phase").asText()).isEqualTo("SUCCEEDED");
      assertThat(listAfter.get(0).path("nodesByState").path("SUCCEEDED").asInt()).isEqualTo(3);

      JsonNode planAfter = api.json(DETAIL + "/plan", 200);
      sample("GET " + DETAIL + "/plan (after)", planAfter);
      assertThat(planAfter.path("validation").path("refusal").path("code").asText())
          .isEqualTo("AlreadyAtVersion");
      assertThat(planAfter.path("placementPlanning").path("explanation").asText())
          .as("no drain is left to plan")
          .contains("0 live migrations for 0 VMs");

      JsonNode missing = api.problem("/api/v1/upgrades/harvester-system/nope", 404);
      sample("GET /api/v1/upgrades/harvester-system/nope", missing);
      assertThat(missing.path("detail").asText()).contains("harvester-system/nope");
      api.problem("/api/v1/upgrades/Not_A_Namespace/x", 400);

      assertTheApiCostsTheApiServerNothing(session, api);
    }
  }

  /** Once the controller is quiet, a burst of API requests adds no request to the API server. */
  private static void assertTheApiCostsTheApiServerNothing(UpgradeSession session, Api api)
      throws Exception {
    AtomicLong controllerCalls = new AtomicLong();
    session
        .cluster()
        .dispatcher()
        .add(
            (RecordedRequest request, io.hvst.simulator.api.SimulatorDispatcher store) -> {
              String agent = request.getHeader("User-Agent");
              if (agent != null
                  && agent.startsWith("hvst-upgrade-controller")
                  && !request.getPath().startsWith("/apis/coordination.k8s.io/")) {
                controllerCalls.incrementAndGet();
              }
              return null;
            });
    long quiet = awaitQuiet(controllerCalls, Duration.ofSeconds(1), Duration.ofSeconds(20));
    for (int i = 0; i < 20; i++) {
      api.json("/api/v1/upgrades", 200);
      api.json(DETAIL, 200);
      api.json(DETAIL + "/plan", 200);
      api.json("/api/v1/plan?version=v1.6.0", 200);
    }
    assertThat(controllerCalls.get()).as("controller requests, leases aside").isEqualTo(quiet);
  }

  private static long awaitQuiet(AtomicLong counter, Duration quietFor, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      long seen = counter.get();
      Thread.sleep(quietFor.toMillis());
      if (counter.get() == seen) {
        return seen;
      }
    }
    throw new AssertionError("the controller never went quiet");
  }

  private static boolean aNodeIsInAStep(JsonNode detail) {
    return nodeInAStep(detail) != null;
  }

  private static JsonNode nodeInAStep(JsonNode detail) {
    for (JsonNode node : detail.path("nodes")) {
      if (NodeState.STEPS.contains(NodeState.valueOf(node.path("state").asText()))) {
        return node;
      }
    }
    return null;
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.path(field).asText()));
    return values;
  }

  private static void sample(String what, JsonNode body) {
    // The launcher turns io.hvst logging down to WARN; samples go to the test's output file.
    System.out.println("SAMPLE " + what + "\n" + body.toPrettyString());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The controller's REST API on localhost. */
  static final class Api {
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    Api(int port) {
      this.port = port;
    }

    JsonNode json(String path, int status) throws IOException, InterruptedException {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      return JSON.readTree(response.body());
    }

    JsonNode problem(String path, int status) throws IOException, InterruptedException {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(status);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("status").asInt()).isEqualTo(status);
      assertThat(body.path("type").asText()).startsWith("https://hvst.io/problems/");
      return body;
    }

    JsonNode pollJson(String path, Predicate<JsonNode> until, Duration timeout)
        throws IOException, InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      JsonNode last = null;
      while (Instant.now().isBefore(deadline)) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() == 200) {
          last = JSON.readTree(response.body());
          if (until.test(last)) {
            return last;
          }
        }
        Thread.sleep(25);
      }
      throw new AssertionError("GET " + path + " never matched; last: " + last);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }
}
