package io.hvst.controller.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ScrapeHygieneTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  ScrapeHygieneTest() {
    registry.config().meterFilter(new ScrapeHygiene());
  }

  @Test
  void dropsTheMetersWhoseNamesPromtoolRejectsAndKeepsTheRest() {
    Counter.builder("jvm.compilation.time").baseUnit("ms").register(registry).increment();
    Counter.builder("process.cpu.time").baseUnit("ns").register(registry).increment();
    Gauge.builder("system.cpu.count", () -> 2).register(registry);
    Gauge.builder("tomcat.sessions.active.max", () -> 0).register(registry);
    Gauge.builder("process.cpu.usage", () -> 0.5).register(registry);

    String scrape = registry.scrape();

    assertThat(scrape)
        .doesNotContain("jvm_compilation_time", "process_cpu_time", "system_cpu_count", "tomcat_")
        .contains("process_cpu_usage");
  }

  @Test
  void givesTheHttpServerRequestsMeterAHelpText() {
    Timer.builder("http.server.requests").tag("uri", "/api/v1/upgrades").register(registry);
    Timer.builder("hvst.other").description("ours").register(registry);

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("# HELP http_server_requests_seconds HTTP requests served")
        .contains("# HELP hvst_other_seconds ours");
  }
}
