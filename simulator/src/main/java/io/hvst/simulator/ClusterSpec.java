package io.hvst.simulator;

import io.hvst.simulator.seed.NodePlan;
import io.hvst.simulator.seed.VmPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The simulated cluster to build: its nodes, the VMs they run, the version they run, the seed for
 * every random choice, and how long simulated work takes.
 *
 * @param vmsPerNode how many default VMs ({@code vm-<node>-<i>}) each node got when the spec was
 *     made; {@code vms} is the full list, defaults and additions
 * @param virtHandlerHeartbeat whether virt-handler re-labels Ready nodes {@code
 *     kubevirt.io/schedulable=true} every {@link SimTiming#virtHandlerInterval()}; on by default,
 *     as in every real cluster (it changes nothing unless something sets the label otherwise)
 */
public record ClusterSpec(
    List<NodePlan> nodes,
    int vmsPerNode,
    String fromVersion,
    long seed,
    SimTiming timing,
    List<VmPlan> vms,
    boolean virtHandlerHeartbeat) {

  public static final String DEFAULT_FROM_VERSION = "v1.4.2";

  public ClusterSpec {
    nodes = List.copyOf(nodes);
    vms = List.copyOf(vms);
  }

  /** With virt-handler's heartbeat on. */
  public ClusterSpec(
      List<NodePlan> nodes,
      int vmsPerNode,
      String fromVersion,
      long seed,
      SimTiming timing,
      List<VmPlan> vms) {
    this(nodes, vmsPerNode, fromVersion, seed, timing, vms, true);
  }

  /** {@code vmsPerNode} default VMs on every node. */
  public ClusterSpec(
      List<NodePlan> nodes, int vmsPerNode, String fromVersion, long seed, SimTiming timing) {
    this(nodes, vmsPerNode, fromVersion, seed, timing, defaultVms(nodes, vmsPerNode));
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

  /** The name of a default VM: {@code vm-node-2-1} is the first VM of node-2. */
  public static String defaultVmName(String node, int index) {
    return "vm-" + node + "-" + index;
  }

  private static List<VmPlan> defaultVms(List<NodePlan> nodes, int vmsPerNode) {
    List<VmPlan> vms = new ArrayList<>();
    for (NodePlan node : nodes) {
      for (int i = 1; i <= vmsPerNode; i++) {
        vms.add(VmPlan.of(defaultVmName(node.name(), i), node.name()));
      }
    }
    return vms;
  }

  public ClusterSpec withTiming(SimTiming t) {
    return new ClusterSpec(nodes, vmsPerNode, fromVersion, seed, t, vms, virtHandlerHeartbeat);
  }

  /**
   * Without virt-handler's heartbeat: a {@code kubevirt.io/schedulable} label set by hand sticks
   * (as when virt-handler is down on every node).
   */
  public ClusterSpec withoutVirtHandlerHeartbeat() {
    return new ClusterSpec(nodes, vmsPerNode, fromVersion, seed, timing, vms, false);
  }

  /** Changes one node's plan, for scenarios. */
  public ClusterSpec node(String name, UnaryOperator<NodePlan> change) {
    List<NodePlan> changed =
        nodes.stream().map(n -> n.name().equals(name) ? change.apply(n) : n).toList();
    return new ClusterSpec(
        changed, vmsPerNode, fromVersion, seed, timing, vms, virtHandlerHeartbeat);
  }

  /**
   * Changes the VM(s) named {@code name}, e.g. {@code vm("vm-node-1-1", VmPlan::hostPassthrough)}.
   */
  public ClusterSpec vm(String name, UnaryOperator<VmPlan> change) {
    if (vms.stream().noneMatch(v -> v.name().equals(name))) {
      throw new IllegalArgumentException("no VM named " + name + " in the spec");
    }
    List<VmPlan> changed =
        vms.stream().map(v -> v.name().equals(name) ? change.apply(v) : v).toList();
    return new ClusterSpec(
        nodes, vmsPerNode, fromVersion, seed, timing, changed, virtHandlerHeartbeat);
  }

  /** Changes every VM seeded on {@code node}. */
  public ClusterSpec vmsOn(String node, UnaryOperator<VmPlan> change) {
    List<VmPlan> changed =
        vms.stream().map(v -> v.node().equals(node) ? change.apply(v) : v).toList();
    return new ClusterSpec(
        nodes, vmsPerNode, fromVersion, seed, timing, changed, virtHandlerHeartbeat);
  }

  /** Adds a VM besides the defaults. */
  public ClusterSpec withVm(VmPlan vm) {
    List<VmPlan> more = new ArrayList<>(vms);
    more.add(vm);
    return new ClusterSpec(
        nodes, vmsPerNode, fromVersion, seed, timing, more, virtHandlerHeartbeat);
  }
}
