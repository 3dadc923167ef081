package io.hvst.controller.observe;

import io.hvst.statemachine.cluster.EvictionBlock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The API server's refusals of our eviction requests, kept until they expire. They are part of what
 * the controller observes: the decider backs off a pod until its block expires.
 */
public final class EvictionBlocks {

  private final Map<String, EvictionBlock> blocks = new ConcurrentHashMap<>();

  public void refused(EvictionBlock block) {
    blocks.put(block.pod(), block);
  }

  public void cleared(String pod) {
    blocks.remove(pod);
  }

  /** Blocks that have not expired at {@code now}; expired ones are dropped. */
  public Map<String, EvictionBlock> current(Instant now) {
    blocks.values().removeIf(b -> !now.isBefore(b.retryAfter()));
    return blocks.values().stream().collect(Collectors.toMap(EvictionBlock::pod, b -> b));
  }
}
