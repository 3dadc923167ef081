package io.hvst.simulator.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reaction latencies of one size.
 *
 * @param count events answered (the samples of the percentiles)
 * @param unanswered events the controller never answered before the run ended
 * @param reordered events whose answer was seen first (left out of the samples)
 * @param byKind the same per kind of event
 */
public record ReactionSummary(
    int count,
    int unanswered,
    int reordered,
    Double p50Ms,
    Double p99Ms,
    Double maxMs,
    Map<String, KindSummary> byKind) {

  /** One kind of event. */
  public record KindSummary(int count, Double p50Ms, Double p99Ms, Double maxMs) {}

  static ReactionSummary of(
      Map<ReactionLedger.Kind, List<Double>> latencies, int unanswered, int reordered) {
    List<Double> all = new ArrayList<>();
    Map<String, KindSummary> byKind = new LinkedHashMap<>();
    latencies.forEach(
        (kind, samples) -> {
          all.addAll(samples);
          Percentiles p = new Percentiles(samples);
          byKind.put(
              kind.name(), new KindSummary(p.count(), ms(p.at(50)), ms(p.at(99)), ms(p.max())));
        });
    Percentiles p = new Percentiles(all);
    return new ReactionSummary(
        p.count(), unanswered, reordered, ms(p.at(50)), ms(p.at(99)), ms(p.max()), byKind);
  }

  /** Milliseconds to a tenth, null without samples. */
  static Double ms(OptionalDouble value) {
    return value.isPresent() ? Math.round(value.getAsDouble() * 10) / 10.0 : null;
  }
}
