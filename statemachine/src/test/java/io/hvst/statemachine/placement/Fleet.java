package io.hvst.statemachine.placement;

import static io.hvst.statemachine.placement.PlacementPlannerTest.OVERHEAD;
import static io.hvst.statemachine.placement.PlacementPlannerTest.T0;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.VmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntBinaryOperator;
import java.util.stream.IntStream;

/**
 * A cluster of identical nodes {@code node-01, node-02, ...} whose VMs {@code vm-NN-V} run in
 * virt-launcher pods that hold their requests plus {@link PlacementPlannerTest#OVERHEAD}.
 */
final class Fleet {

  private final Map<String, NodeView> nodes = new TreeMap<>();
  private final List<VmView> vms = new ArrayList<>();
  private final List<PodView> pods = new ArrayList<>();

  /** {@code nodes} default {@link CpuNode}s, each running {@code vmsPerNode} VMs of 1 core. */
  static Fleet of(int nodes, int vmsPerNode, IntBinaryOperator gibByNodeAndVm) {
    Fleet fleet = new Fleet();
    for (int n = 1; n <= nodes; n++) {
      fleet.node(CpuNode.named(name(n)));
      for (int v = 1; v <= vmsPerNode; v++) {
        long gib = gibByNodeAndVm.applyAsInt(n, v);
        fleet.vm(
            TestVm.named("vm-" + String.format("%02d", n) + "-" + v).on(name(n)).size(1_000, gib));
      }
    }
    return fleet;
  }

  static String name(int node) {
    return String.format("node-%02d", node);
  }

  /** node-01 to node-NN, in that order. */
  static List<String> order(int nodes) {
    return IntStream.rangeClosed(1, nodes).mapToObj(Fleet::name).toList();
  }

  Fleet node(CpuNode node) {
    NodeView view = node.build();
    nodes.put(view.name(), view);
    return this;
  }

  Fleet vm(TestVm vm) {
    VmView view = vm.build();
    vms.add(view);
    pods.add(TestVm.launcher(view, OVERHEAD));
    return this;
  }

  ClusterSnapshot snapshot() {
    return ClusterSnapshot.at(T0).nodes(List.copyOf(nodes.values())).vms(vms).pods(pods).build();
  }
}
