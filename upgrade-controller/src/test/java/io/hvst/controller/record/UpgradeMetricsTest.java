package io.hvst.controller.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
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

  @Test
  void anIgnoredInputIsCountedApartFromBlocksBecauseTheUpgradeGoesOn() {
    List<Wait> waits =
        List.of(
            new Wait("", Reason.SCHEDULING_POLICY_INVALID, "rule #1"),
            new Wait("", Reason.SCHEDULING_POLICY_INVALID, "rule #2"),
            new Wait("node-1", Reason.NODE_NOT_READY, "not Ready"));

    metrics.observe(List.of(), waits);

    assertThat(gauge("hvst.upgrade.ignored.inputs", Reason.SCHEDULING_POLICY_INVALID)).isEqualTo(2);
    assertThat(
            registry.find("hvst.upgrade.blocked").tag("reason", "SchedulingPolicyInvalid").gauge())
        .as("not a block")
        .isNull();
    assertThat(gauge("hvst.upgrade.blocked", Reason.NODE_NOT_READY)).isEqualTo(1);

    metrics.clear();
    assertThat(gauge("hvst.upgrade.ignored.inputs", Reason.SCHEDULING_POLICY_INVALID)).isZero();
  }

  private double gauge(String name, Reason reason) {
    Gauge gauge = registry.find(name).tag("reason", reason.code()).gauge();
    assertThat(gauge).as("%s{reason=%s}", name, reason.code()).isNotNull();
    return gauge.value();
  }

  private double apiUnavailable() {
    Gauge gauge =
        registry.find("hvst.upgrade.blocked").tag("reason", Reason.API_UNAVAILABLE.code()).gauge();
    assertThat(gauge).isNotNull();
    return gauge.value();
  }
}
