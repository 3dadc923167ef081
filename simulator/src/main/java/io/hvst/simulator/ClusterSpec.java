package io.hvst.simulator;

import io.hvst.simulator.seed.NodePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The simulated cluster to build: its nodes, how many VMs each runs, the version they run, the seed
 * for every random choice, and how long simulated work takes.
 */
public record ClusterSpec(
    List<NodePlan> nodes, int vmsPerNode, String fromVersion, long seed, SimTiming timing) {

  public static final String DEFAULT_FROM_VERSION = "v1.4.2";

  public ClusterSpec {
    nodes = List.copyOf(nodes);
  }

  /** Harvester's layout: the first three nodes are management nodes (one in a small cluster). */
  public static ClusterSpec standard(int nodeCount, int vmsPerNode, long seed) {
    int management = nodeCount >= 3 ? 3 : 1;
    List<NodePlan> nodes = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      nodes.add(NodePlan.of(String.format("node-%d", i), i <= management));
    }
    return new ClusterSpec(nodes, vmsPerNode, DEFAULT_FROM_VERSION, seed, SimTiming.fast());
  }

  public ClusterSpec withTiming(SimTiming t) {
    return new ClusterSpec(nodes, vmsPerNode, fromVersion, seed, t);
  }

  /** Changes one node's plan, for scenarios. */
  public ClusterSpec node(String name, UnaryOperator<NodePlan> change) {
    List<NodePlan> changed =
        nodes.stream().map(n -> n.name().equals(name) ? change.apply(n) : n).toList();
    return new ClusterSpec(changed, vmsPerNode, fromVersion, seed, timing);
  }
}
