package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The VMs to move off one node, and what the caller knows that the snapshot does not.
 *
 * @param vms the VMs to place, all running on {@code sourceNode}
 * @param excludedNodes nodes that must not receive VMs (being drained or cordoned by the upgrade)
 * @param upgradedNodes nodes that already run the target version
 * @param preferUpgraded prefer upgraded nodes, so that a VM moves once per upgrade; false gives the
 *     naive choice, kept for comparison
 * @param launcherOverhead what the virt-launcher pod adds to each VM's own requests
 */
public record PlacementRequest(
    String sourceNode,
    List<VmView> vms,
    Set<String> excludedNodes,
    Set<String> upgradedNodes,
    boolean preferUpgraded,
    Resources launcherOverhead) {

  public PlacementRequest {
    Objects.requireNonNull(sourceNode, "sourceNode");
    vms = List.copyOf(vms);
    excludedNodes = Set.copyOf(excludedNodes);
    upgradedNodes = Set.copyOf(upgradedNodes);
    launcherOverhead = launcherOverhead == null ? Resources.NONE : launcherOverhead;
  }
}
