package io.hvst.controller.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final UpgradeMetrics metrics = new UpgradeMetrics(registry);

  @Test
  void anUnavailableApiShowsAsBlockedUntilAPassGetsThrough() {
    assertThat(apiUnavailable()).isZero();

    metrics.apiUnavailable();
    metrics.apiUnavailable();
    assertThat(apiUnavailable()).as("blocked, not a count of failed passes").isEqualTo(1);

    metrics.observe(List.of(), List.of());
    assertThat(apiUnavailable()).as("a pass got through").isZero();
  }

  @Test
  void aReplicaThatStopsLeadingNoLongerShowsTheBlock() {
    metrics.apiUnavailable();
    metrics.clear();
    assertThat(apiUnavailable()).isZero();
  }

  private double apiUnavailable() {
    Gauge gauge =
        registry.find("hvst.upgrade.blocked").tag("reason", Reason.API_UNAVAILABLE.code()).gauge();
    assertThat(gauge).isNotNull();
    return gauge.value();
  }
}
