package io.hvst.simulator.observe;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.simulator.kube.ChangeHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulator saw happen to nodes, in order: each change of cordon, readiness or OS image.
 * Tests ask it questions the controller's own records could not answer honestly.
 */
public final class ClusterHistory implements AutoCloseable {

  /** One observed node state. */
  public record NodeSample(
      Instant at, String node, boolean unschedulable, boolean ready, String osImage) {}

  /** A time a node was cordoned; {@code to} is null while it still is. */
  public record Interval(Instant from, Instant to) {}

  private static final Duration CATCH_UP = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final Clock clock;
  private final List<NodeSample> samples = new ArrayList<>();
  private final Map<String, NodeSample> last = new ConcurrentHashMap<>();
  private final Map<String, Long> seen = new HashMap<>();
  private SharedIndexInformer<Node> informer;

  public ClusterHistory(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void start() {
    informer = client.nodes().inform(ChangeHandlers.onChange(this::sample));
  }

  /** Everything seen so far, once the watch has caught up with the API server. */
  public synchronized List<NodeSample> samples() {
    catchUp();
    return List.copyOf(samples);
  }

  /** When the node was cordoned, in order, once the watch has caught up with the API server. */
  public synchronized List<Interval> cordoned(String node) {
    catchUp();
    List<Interval> intervals = new ArrayList<>();
    Instant since = null;
    for (NodeSample s : samples) {
      if (!s.node().equals(node)) {
        continue;
      }
      if (s.unschedulable() && since == null) {
        since = s.at();
      } else if (!s.unschedulable() && since != null) {
        intervals.add(new Interval(since, s.at()));
        since = null;
      }
    }
    if (since != null) {
      intervals.add(new Interval(since, null));
    }
    return intervals;
  }

  /**
   * Waits, for a bounded time, until the watch has delivered the API server's current version of
   * every node, so that a question asked right after an action sees that action.
   */
  private synchronized void catchUp() {
    Map<String, Long> current = new HashMap<>();
    client
        .nodes()
        .list()
        .getItems()
        .forEach(n -> current.put(n.getMetadata().getName(), version(n)));
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (!current.entrySet().stream()
        .allMatch(e -> seen.getOrDefault(e.getKey(), -1L) >= e.getValue())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long version(Node node) {
    // Opaque by contract; numeric on the mock and on etcd. Anything else is never waited for.
    try {
      return Long.parseLong(node.getMetadata().getResourceVersion());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private synchronized void sample(Node node) {
    seen.merge(node.getMetadata().getName(), version(node), Math::max);
    notifyAll();
    boolean unschedulable =
        node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    boolean ready =
        node.getStatus() != null
            && node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .map(NodeCondition::getStatus)
                .anyMatch("True"::equals);
    String osImage = node.getStatus() == null ? "" : node.getStatus().getNodeInfo().getOsImage();
    String name = node.getMetadata().getName();
    NodeSample sample = new NodeSample(clock.instant(), name, unschedulable, ready, osImage);
    NodeSample before = last.get(name);
    if (before == null
        || before.unschedulable() != unschedulable
        || before.ready() != ready
        || !Objects.equals(before.osImage(), osImage)) {
      samples.add(sample);
      last.put(name, sample);
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
