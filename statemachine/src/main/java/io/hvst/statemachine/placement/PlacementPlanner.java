package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.placement.Rejection.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses a live-migration target for each VM of a node, without touching the cluster.
 *
 * <p>Largest VMs go first, so that small ones fill the gaps. Among the nodes that pass every rule,
 * an upgraded node wins when preferred (a VM placed there will not move again in this upgrade),
 * then the node with the most free memory, then the first name.
 */
public final class PlacementPlanner {

  private static final Comparator<VmView> LARGEST_FIRST =
      Comparator.comparingLong((VmView vm) -> vm.requests().memoryBytes())
          .reversed()
          .thenComparing(VmView::key);

  public PlacementPlan plan(ClusterSnapshot snapshot, PlacementRequest request) {
    return plan(snapshot, request, NodeCapacity.of(snapshot, request.launcherOverhead()));
  }

  /** Plans against {@code capacity}, reserving in it what this plan places. */
  PlacementPlan plan(ClusterSnapshot snapshot, PlacementRequest request, NodeCapacity capacity) {
    Map<String, NodeCpu> cpus = new HashMap<>();
    snapshot.nodes().values().forEach(n -> cpus.put(n.name(), NodeCpu.of(n)));
    NodeCpu source =
        cpus.computeIfAbsent(request.sourceNode(), name -> NodeCpu.of(unknownNode(name)));
    Round round = new Round(snapshot.nodes().values(), request, capacity, cpus, source);
    return new PlacementPlan(
        request.vms().stream().sorted(LARGEST_FIRST).map(round::place).toList());
  }

  /** One plan's work: each node's CPU labels read once, capacity shared by its VMs. */
  private record Round(
      Collection<NodeView> nodes,
      PlacementRequest request,
      NodeCapacity capacity,
      Map<String, NodeCpu> cpus,
      NodeCpu source) {

    Placement place(VmView vm) {
      Resources need = vm.requests().plus(request.launcherOverhead());
      List<Rejection> rejections = new ArrayList<>();
      List<NodeView> acceptable = new ArrayList<>();
      for (NodeView node : nodes) {
        refusal(vm, need, node).ifPresentOrElse(rejections::add, () -> acceptable.add(node));
      }
      Optional<String> target =
          acceptable.stream().min(preference(request, capacity)).map(NodeView::name);
      target.ifPresent(node -> capacity.reserve(vm, node, need));
      return new Placement(vm, target, rejections);
    }

    private Optional<Rejection> refusal(VmView vm, Resources need, NodeView node) {
      return NodeRules.state(node, request)
          .or(() -> CpuCompatibility.check(vm, source, cpus.get(node.name())))
          .or(() -> NodeRules.vmChoice(vm, node))
          .or(() -> room(node.name(), need, capacity.free(node.name())));
    }
  }

  private static Optional<Rejection> room(String node, Resources need, Resources free) {
    if (need.memoryBytes() > free.memoryBytes()) {
      String detail = "needs " + mebibytes(need) + " MiB memory, " + mebibytes(free) + " MiB free";
      return Optional.of(new Rejection(node, Reason.INSUFFICIENT_MEMORY, detail));
    }
    if (need.milliCpu() > free.milliCpu()) {
      String detail = "needs " + need.milliCpu() + "m CPU, " + free.milliCpu() + "m free";
      return Optional.of(new Rejection(node, Reason.INSUFFICIENT_CPU, detail));
    }
    return Optional.empty();
  }

  private static Comparator<NodeView> preference(PlacementRequest request, NodeCapacity capacity) {
    Comparator<NodeView> byFreeMemory =
        Comparator.comparingLong((NodeView n) -> capacity.free(n.name()).memoryBytes())
            .reversed()
            .thenComparing(NodeView::name);
    if (!request.preferUpgraded()) {
      return byFreeMemory;
    }
    return Comparator.comparing((NodeView n) -> !request.upgradedNodes().contains(n.name()))
        .thenComparing(byFreeMemory);
  }

  private static long mebibytes(Resources resources) {
    return resources.memoryBytes() >> 20;
  }

  /** A source node missing from the snapshot has no labels: CPU rules then refuse, and say so. */
  private static NodeView unknownNode(String name) {
    return new NodeView(name, false, true, Set.of(), Map.of(), List.of(), "", null);
  }
}
