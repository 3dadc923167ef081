package io.hvst.controller.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.hvst.controller.ControllerRuntime;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.kube.KubeCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Until the informers have listed once, the API answers 503 rather than reading half-filled caches.
 * The runtime here is real but never started, as it is while the controller starts up.
 */
class CachesNotSyncedTest {

  /** Spring Boot's problem-details handler, as {@code spring.mvc.problemdetails} installs it. */
  @ControllerAdvice
  static final class ProblemDetails extends ResponseEntityExceptionHandler {}

  private KubernetesClient client;
  private ControllerRuntime runtime;
  private MockMvc mvc;

  @BeforeEach
  void unstartedController() {
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:9").build())
            .build();
    ControllerProperties properties =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("hvst", ControllerProperties.class);
    KubeCalls calls =
        new KubeCalls(
            Retry.ofDefaults("k"), CircuitBreaker.ofDefaults("k"), RateLimiter.ofDefaults("k"));
    Clock clock = Clock.systemUTC();
    runtime =
        new ControllerRuntime(
            client,
            properties,
            clock,
            new SimpleMeterRegistry(),
            calls,
            "not-started",
            io.hvst.controller.loop.JournalWriteListener.none());
    UpgradeQueries queries = new UpgradeQueries(runtime, clock, properties);
    mvc =
        MockMvcBuilders.standaloneSetup(new UpgradesController(queries))
            .setControllerAdvice(new ProblemDetails())
            .build();
  }

  @AfterEach
  void close() {
    runtime.close();
    client.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/upgrades",
        "/api/v1/upgrades/harvester-system/rolling",
        "/api/v1/upgrades/harvester-system/rolling/plan",
        "/api/v1/plan?version=v1.5.0"
      })
  void everyEndpointAnswers503WithRetryAfterUntilTheCachesSynced(String path) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(Problems.CACHES_NOT_SYNCED.toString()))
        .andExpect(jsonPath("$.title").value("Caches not synced"))
        .andExpect(jsonPath("$.status").value(503));
  }
}
