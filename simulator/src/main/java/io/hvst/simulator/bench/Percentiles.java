package io.hvst.simulator.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/** Nearest-rank percentiles: the smallest sample at or above {@code p} percent of the samples. */
final class Percentiles {

  private final List<Double> sorted;

  Percentiles(Collection<Double> samples) {
    List<Double> copy = new ArrayList<>(samples);
    Collections.sort(copy);
    this.sorted = List.copyOf(copy);
  }

  int count() {
    return sorted.size();
  }

  /** The {@code p}-th percentile (0 &lt; p &le; 100); empty without samples. */
  OptionalDouble at(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
    }
    if (sorted.isEmpty()) {
      return OptionalDouble.empty();
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return OptionalDouble.of(sorted.get(Math.max(1, rank) - 1));
  }

  OptionalDouble max() {
    return sorted.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(sorted.get(sorted.size() - 1));
  }
}
