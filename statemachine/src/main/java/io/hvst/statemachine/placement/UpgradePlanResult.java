package io.hvst.statemachine.placement;

import java.util.List;
import java.util.Objects;

/**
 * A dry run of a whole upgrade: where each node's VMs would go when its turn comes.
 *
 * @param vms the VMs the upgrade must live-migrate at least once (on a node of the order)
 * @param migrations the live migrations the upgrade would make, counting a VM once per move
 * @param migrationsPerVm {@code migrations / vms}, 0 without VMs
 * @param blockers what would stop a drain: VMs that must migrate but cannot, VMs with no target
 */
public record UpgradePlanResult(
    List<NodePlan> nodes, int vms, int migrations, double migrationsPerVm, List<String> blockers) {

  /** The placements made when {@code node} is drained, in its turn. */
  public record NodePlan(String node, List<Placement> placements) {
    public NodePlan {
      Objects.requireNonNull(node, "node");
      placements = List.copyOf(placements);
    }
  }

  public UpgradePlanResult {
    nodes = List.copyOf(nodes);
    blockers = List.copyOf(blockers);
  }

  /** True when every node can be drained as planned. */
  public boolean feasible() {
    return blockers.isEmpty();
  }
}
