package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.simulator.kube.Writes;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vcluster-style node syncer. Inside a virtual cluster the syncer copies the host's node spec
 * over the virtual node, so a cordon made in the virtual cluster is undone moments later: {@code
 * spec.unschedulable} goes back to {@code false}. It acts on the nodes it is told to, for as many
 * cordons as it is told to, reacting to the watch as the real syncer does.
 */
public final class NodeSyncer {

  /** Cordons it reverts this long after seeing them: 50 to 150 ms, as a busy syncer would. */
  static final int MIN_DELAY_MS = 50;

  static final int DELAY_SPREAD_MS = 101;

  private final Informers informers;
  private final Writes writes;
  private final ScheduledExecutorService timers;
  private final Random random;
  private final Map<String, AtomicInteger> toRevert = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> reverted = new ConcurrentHashMap<>();

  public NodeSyncer(
      Informers informers, Writes writes, ScheduledExecutorService timers, long seed) {
    this.informers = informers;
    this.writes = writes;
    this.timers = timers;
    this.random = new Random(seed);
  }

  /**
   * Reverts the next {@code times} cordons of {@code node}; {@link Integer#MAX_VALUE} means every
   * one, 0 stops. Replaces what was set before for the node.
   */
  public void revertCordons(String node, int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative: " + times);
    }
    toRevert.put(node, new AtomicInteger(times));
  }

  /** Cordons of {@code node} reverted so far. */
  public int reverts(String node) {
    AtomicInteger n = reverted.get(node);
    return n == null ? 0 : n.get();
  }

  public int reverts() {
    return reverted.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public void start() {
    Informers.listen(
        informers.nodes(),
        new Informers.Listener<>() {
          @Override
          public void updated(Node before, Node after) {
            if (!cordoned(before) && cordoned(after) && take(after.getMetadata().getName())) {
              scheduleRevert(after.getMetadata().getName());
            }
          }
        });
  }

  private boolean take(String node) {
    AtomicInteger left = toRevert.get(node);
    return left != null && left.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n) > 0;
  }

  private void scheduleRevert(String node) {
    int delay = MIN_DELAY_MS + nextSpread();
    ScheduledFuture<?> unused = timers.schedule(() -> revert(node), delay, TimeUnit.MILLISECONDS);
  }

  private synchronized int nextSpread() {
    return random.nextInt(DELAY_SPREAD_MS);
  }

  private void revert(String node) {
    boolean stillCordoned =
        Informers.get(informers.nodes(), null, node).map(NodeSyncer::cordoned).orElse(false);
    if (!stillCordoned) {
      return;
    }
    try {
      if (writes.merge(NodeOs.named(node), Map.of("spec", Map.of("unschedulable", false)))) {
        reverted.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
      }
    } catch (KubernetesClientException e) {
      // The host's spec is copied again on the syncer's next pass; this one is dropped.
    }
  }

  static boolean cordoned(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }
}
