package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.Placement;
import io.hvst.controller.api.dto.PlacementPlanning;
import io.hvst.statemachine.cluster.VmView;
import java.util.List;

/**
 * VM placements of a plan. This build has no placement planner in its core, so every VM is listed
 * with no target; once the core can simulate a drain, this is where its targets and reasons go,
 * with the same {@link Placement} shape.
 */
final class Placements {

  static final PlacementPlanning PLANNING =
      new PlacementPlanning(
          false,
          "Placement planning not available: this controller does not simulate where each VM"
              + " would be migrated, so every target and reason is null. The VMs listed are"
              + " those the node runs now.");

  private Placements() {}

  static List<Placement> notPlanned(String node, List<VmView> vms) {
    return vms.stream().map(vm -> new Placement(node, vm.key(), null, null)).toList();
  }
}
