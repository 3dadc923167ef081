package io.hvst.simulator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Amounts print as the API server prints them. */
class QuantitiesTest {

  @Test
  void memoryPrintsInTheLargestExactBinaryUnit() {
    assertThat(
            Quantities.format(
                "requests.memory",
                Quantities.amount("memory", "2Gi") + Quantities.amount("memory", "256Mi")))
        .isEqualTo("2304Mi");
    assertThat(Quantities.format("memory", 6L << 30)).isEqualTo("6Gi");
    assertThat(Quantities.format("memory", 1000)).isEqualTo("1000");
  }

  @Test
  void cpuPrintsInCoresOrMillicores() {
    assertThat(Quantities.amount("requests.cpu", "500m")).isEqualTo(500);
    assertThat(Quantities.format("limits.cpu", 1500)).isEqualTo("1500m");
    assertThat(Quantities.format("cpu", 2000)).isEqualTo("2");
    assertThat(Quantities.format("pods", 3)).isEqualTo("3");
  }
}
