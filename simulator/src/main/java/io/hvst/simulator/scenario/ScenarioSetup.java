package io.hvst.simulator.scenario;

import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.seed.NodePlan;
import io.hvst.simulator.session.UpgradeSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How a scenario builds, configures and arms the simulated cluster. The sandbox and the {@code it/}
 * scenarios start from the same setup, so a scenario ends the same way in both.
 *
 * @param minNodes the smallest cluster the scenario makes sense on
 * @param cluster changes to Harvester's standard layout
 * @param controllerProperties controller settings the scenario needs (e.g. a short timeout)
 * @param arm what to add or switch on once the cluster and the controller run
 * @param repoVmNode where Harvester starts its repo VM; empty means a node chosen by the seed
 */
public record ScenarioSetup(
    int minNodes,
    UnaryOperator<ClusterSpec> cluster,
    Map<String, Object> controllerProperties,
    Consumer<UpgradeSession> arm,
    Optional<String> repoVmNode) {

  public ScenarioSetup {
    controllerProperties = Map.copyOf(controllerProperties);
  }

  /** Harvester's standard cluster, default settings, nothing armed. */
  public static ScenarioSetup plain() {
    return new ScenarioSetup(1, c -> c, Map.of(), s -> {}, Optional.empty());
  }

  public ScenarioSetup needs(int nodes) {
    return new ScenarioSetup(nodes, cluster, controllerProperties, arm, repoVmNode);
  }

  public ScenarioSetup cluster(UnaryOperator<ClusterSpec> change) {
    UnaryOperator<ClusterSpec> before = cluster;
    return new ScenarioSetup(
        minNodes, c -> change.apply(before.apply(c)), controllerProperties, arm, repoVmNode);
  }

  public ScenarioSetup property(String key, Object value) {
    Map<String, Object> props = new LinkedHashMap<>(controllerProperties);
    props.put(key, value);
    return new ScenarioSetup(minNodes, cluster, props, arm, repoVmNode);
  }

  public ScenarioSetup arm(Consumer<UpgradeSession> more) {
    return new ScenarioSetup(
        minNodes, cluster, controllerProperties, arm.andThen(more), repoVmNode);
  }

  public ScenarioSetup repoOn(String node) {
    return new ScenarioSetup(minNodes, cluster, controllerProperties, arm, Optional.of(node));
  }

  /** The cluster to build for {@code nodes} nodes of {@code vmsPerNode} VMs each. */
  public ClusterSpec spec(int nodes, int vmsPerNode, long seed) {
    if (nodes < minNodes) {
      throw new IllegalArgumentException(
          "this scenario needs at least " + minNodes + " nodes, not " + nodes);
    }
    return cluster.apply(ClusterSpec.standard(nodes, vmsPerNode, seed));
  }

  /** Harvester starts the repo VM wherever its scheduler likes; the seed decides by default. */
  public String repoVmNode(ClusterSpec spec) {
    List<String> names = spec.nodes().stream().map(NodePlan::name).toList();
    return repoVmNode.orElseGet(() -> names.get(new Random(spec.seed()).nextInt(names.size())));
  }

  /** Starts the cluster and the controller (with {@code extra} settings on top) and arms it. */
  public UpgradeSession start(ClusterSpec spec, Integer port, Map<String, Object> extra) {
    Map<String, Object> props = new LinkedHashMap<>(controllerProperties);
    props.putAll(extra);
    UpgradeSession session = UpgradeSession.start(spec, port, props);
    try {
      arm.accept(session);
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }
}
