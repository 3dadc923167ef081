package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.simulator.seed.NodeFactory;
import io.hvst.simulator.seed.NodePlan;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The node's operating system. An upgrade reboots it: NotReady at once, then Ready again running
 * the new version, with the labels and taints a fresh install gives (what people added is gone, as
 * after a real OS reinstall). A node can be told never to come back, or to take longer; the OS of a
 * removed machine never boots again.
 */
public final class NodeOs {

  private final KubernetesClient client;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final Duration rebootDuration;
  private final Map<String, NodePlan> plans;
  private final Set<String> neverReturn = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> reboots = new ConcurrentHashMap<>();
  private final Map<String, Duration> slowReboots = new ConcurrentHashMap<>();
  private final Set<String> removed = ConcurrentHashMap.newKeySet();

  public NodeOs(
      KubernetesClient client,
      ScheduledExecutorService timers,
      Clock clock,
      Duration rebootDuration,
      List<NodePlan> plans) {
    this.client = client;
    this.timers = timers;
    this.clock = clock;
    this.rebootDuration = rebootDuration;
    this.plans = new ConcurrentHashMap<>();
    plans.forEach(p -> this.plans.put(p.name(), p));
  }

  /** The node will stay down after its next reboot. */
  public void neverReturn(String node) {
    neverReturn.add(node);
  }

  /** The node's next reboot keeps it NotReady for {@code downFor}, then it comes back. */
  public void returnAfter(String node, Duration downFor) {
    slowReboots.put(node, downFor);
  }

  /** The machine was removed from the cluster: it never boots again. */
  public void removed(String node) {
    removed.add(node);
  }

  public boolean isRemoved(String node) {
    return removed.contains(node);
  }

  public int reboots(String node) {
    return reboots.getOrDefault(node, 0);
  }

  /** Reboots the node into {@code version}. */
  public void reboot(String node, String version) {
    if (removed.contains(node)) {
      return;
    }
    reboots.merge(node, 1, Integer::sum);
    patchStatus(node, Map.of("conditions", List.of(NodeFactory.ready(false, clock.instant()))));
    if (neverReturn.contains(node)) {
      return;
    }
    Duration down = Optional.ofNullable(slowReboots.remove(node)).orElse(rebootDuration);
    ScheduledFuture<?> unused =
        timers.schedule(() -> comeBack(node, version), down.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void comeBack(String node, String version) {
    if (removed.contains(node)) {
      return;
    }
    NodePlan plan = plans.get(node);
    NodePlan fresh =
        new NodePlan(plan.name(), plan.management(), plan.cpu(), Map.of(), List.of(), false);
    List<Map<String, Object>> patch =
        List.of(
            set("/metadata/labels", NodeFactory.labels(fresh)),
            set("/spec/taints", List.of()),
            set("/status/conditions", List.of(NodeFactory.ready(true, clock.instant()))),
            set("/status/nodeInfo/osImage", NodeFactory.osImage(version)));
    try {
      client
          .nodes()
          .resource(named(node))
          .patch(
              PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(patch));
    } catch (KubernetesClientException e) {
      // Removed while it rebooted: there is no Node to come back to.
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
    }
  }

  private void patchStatus(String node, Map<String, Object> status) {
    String body = client.getKubernetesSerialization().asJson(Map.of("status", status));
    client.nodes().resource(named(node)).patch(PatchContext.of(PatchType.JSON_MERGE), body);
  }

  static Node named(String node) {
    return new NodeBuilder().withNewMetadata().withName(node).endMetadata().build();
  }

  private static Map<String, Object> set(String path, Object value) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("op", "add");
    op.put("path", path);
    op.put("value", value);
    return op;
  }
}
