package io.hvst.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nearest rank: a percentile is always one of the samples. */
class PercentilesTest {

  @Test
  void nearestRankOfAHundredSamples() {
    List<Double> samples = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      samples.add((double) i);
    }
    Percentiles p = new Percentiles(samples);
    assertThat(p.at(50)).hasValue(50.0);
    assertThat(p.at(99)).hasValue(99.0);
    assertThat(p.at(100)).hasValue(100.0);
    assertThat(p.max()).hasValue(100.0);
  }

  @Test
  void fewSamplesRoundTheRankUp() {
    Percentiles p = new Percentiles(List.of(30.0, 10.0, 20.0));
    assertThat(p.at(50)).hasValue(20.0);
    assertThat(p.at(99)).hasValue(30.0);
    assertThat(p.at(1)).hasValue(10.0);
  }

  @Test
  void noSamplesNoPercentile() {
    Percentiles p = new Percentiles(List.of());
    assertThat(p.at(50)).isEmpty();
    assertThat(p.max()).isEmpty();
    assertThat(p.count()).isZero();
  }

  @Test
  void refusesPercentilesOutsideTheRange() {
    Percentiles p = new Percentiles(List.of(1.0));
    assertThatThrownBy(() -> p.at(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.at(101)).isInstanceOf(IllegalArgumentException.class);
  }
}
