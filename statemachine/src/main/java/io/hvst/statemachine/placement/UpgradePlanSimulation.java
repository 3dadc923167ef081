package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.EvictionStrategy;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.placement.UpgradePlanResult.NodePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plays an upgrade's drains in order on a private copy of where VMs are and what is free, so that a
 * VM moved onto a node that is drained later moves again, and counts the moves.
 */
public final class UpgradePlanSimulation {

  private static final PlacementPlanner PLANNER = new PlacementPlanner();

  private UpgradePlanSimulation() {}

  /**
   * Walks the nodes in order; draining node i moves its VMs (including VMs that arrived there from
   * earlier nodes) to other nodes, treating nodes order[0..i-1] as upgraded and node i as excluded;
   * counts migrations per VM. A drained node comes back as the upgrade leaves it: without our
   * cordon (a node being drained now carries one), with anyone else's.
   */
  public static UpgradePlanResult simulate(
      ClusterSnapshot snapshot,
      List<String> order,
      boolean preferUpgraded,
      Resources launcherOverhead) {
    Set<String> upgrading = Set.copyOf(order);
    List<String> blockers = new ArrayList<>(stuckVms(snapshot, upgrading));
    Map<String, VmView> moving = new TreeMap<>();
    snapshot.vms().stream()
        .filter(VmView::movesByMigration)
        .forEach(vm -> moving.put(vm.key(), vm));
    int vms =
        (int) moving.values().stream().filter(vm -> upgrading.contains(vm.nodeName())).count();
    NodeCapacity capacity = NodeCapacity.of(snapshot, launcherOverhead);
    Set<String> upgraded = new HashSet<>(snapshot.nodes().keySet());
    upgraded.removeAll(upgrading);
    List<NodePlan> nodes = new ArrayList<>();
    int migrations = 0;
    ClusterSnapshot played = snapshot;
    for (String node : order) {
      List<VmView> here =
          moving.values().stream().filter(vm -> vm.nodeName().equals(node)).toList();
      PlacementRequest request =
          new PlacementRequest(
              node, here, Set.of(node), upgraded, preferUpgraded, launcherOverhead);
      PlacementPlan plan = PLANNER.plan(played, request, capacity);
      for (Placement p : plan.placements()) {
        if (p.placed()) {
          migrations++;
          capacity.release(p.vm(), node);
          moving.put(p.vm().key(), p.vm().movedTo(p.target().get()));
        } else {
          blockers.add(p.describe());
        }
      }
      nodes.add(new NodePlan(node, plan.placements()));
      upgraded.add(node);
      Optional<NodeView> drained = played.node(node);
      if (drained.isPresent()) {
        played = played.withNode(drained.get().afterUpgrade());
      }
    }
    double perVm = vms == 0 ? 0.0 : (double) migrations / vms;
    return new UpgradePlanResult(nodes, vms, migrations, perVm, blockers);
  }

  /**
   * VMs on a node of the order that must live-migrate to leave it but cannot: KubeVirt refuses to
   * evict them, so the drain would hang. Other VMs that do not migrate are stopped by policy.
   */
  private static List<String> stuckVms(ClusterSnapshot snapshot, Set<String> upgrading) {
    return snapshot.vms().stream()
        .filter(vm -> upgrading.contains(vm.nodeName()))
        .filter(vm -> !vm.liveMigratable())
        .filter(vm -> vm.evictionStrategy() == EvictionStrategy.LIVE_MIGRATE || vm.isRepoVm())
        .sorted(Comparator.comparing(VmView::key))
        .map(UpgradePlanSimulation::notMigratable)
        .toList();
  }

  private static String notMigratable(VmView vm) {
    String reason = vm.notMigratableReason();
    return vm.key() + " is not live-migratable" + (reason.isEmpty() ? "" : ": " + reason);
  }
}
