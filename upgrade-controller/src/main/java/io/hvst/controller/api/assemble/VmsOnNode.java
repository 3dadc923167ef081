package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.VmOnNode;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.VmView;
import java.util.Comparator;
import java.util.List;

/** The VMs a node runs, in a stable order, and their API view. */
final class VmsOnNode {

  private VmsOnNode() {}

  static List<VmView> of(ClusterSnapshot snapshot, String node) {
    return snapshot.vmsOn(node).stream().sorted(Comparator.comparing(VmView::key)).toList();
  }

  static VmOnNode view(VmView vm) {
    return new VmOnNode(
        vm.key(),
        vm.phase(),
        vm.liveMigratable(),
        vm.notMigratableReason().isBlank() ? null : vm.notMigratableReason(),
        vm.evictionStrategy().name(),
        vm.movesByMigration(),
        vm.isRepoVm());
  }
}
