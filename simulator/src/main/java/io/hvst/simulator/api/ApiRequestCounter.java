package io.hvst.simulator.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts API requests per client (by User-Agent) and Kubernetes verb. */
public final class ApiRequestCounter {

  private final Map<String, Map<String, LongAdder>> byClient = new ConcurrentHashMap<>();

  void count(String userAgent, String verb) {
    byClient
        .computeIfAbsent(userAgent == null ? "" : userAgent, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(verb, k -> new LongAdder())
        .increment();
  }

  /** Requests of the client whose User-Agent starts with {@code agentPrefix}, by verb. */
  public Map<String, Long> byVerb(String agentPrefix) {
    Map<String, Long> verbs = new TreeMap<>();
    byClient.forEach(
        (agent, counts) -> {
          if (agent.startsWith(agentPrefix)) {
            counts.forEach((verb, n) -> verbs.merge(verb, n.sum(), Long::sum));
          }
        });
    return verbs;
  }

  public long total(String agentPrefix) {
    return byVerb(agentPrefix).values().stream().mapToLong(Long::longValue).sum();
  }
}
