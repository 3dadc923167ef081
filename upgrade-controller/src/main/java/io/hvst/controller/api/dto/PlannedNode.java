package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hvst.statemachine.lifecycle.NodeState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One node of a dry run: its place in the order, its VMs and what would hold it back. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "One node of the plan, in upgrade order.")
public record PlannedNode(
    @Schema(description = "1-based position in the upgrade order.") int position,
    String node,
    @Schema(description = "Control-plane or etcd node (upgraded first, one at a time).")
        boolean management,
    @Schema(description = "The node is Ready; false when it is missing too.") boolean ready,
    @Schema(description = "The node is cordoned now.") boolean unschedulable,
    @Schema(description = "The version the node reports.", nullable = true) String runningVersion,
    @Schema(
            description = "The node's state in the journal; null before the upgrade started.",
            nullable = true)
        NodeState state,
    @Schema(description = "VMs on the node now.") List<VmOnNode> vms,
    @Schema(
            description =
                "Gates that would hold the node back if it were its turn now (node missing, not"
                    + " Ready, quorum at risk); checked for nodes that have not started only.")
        List<ReasonDto> blockers,
    @Schema(description = "Each VM on the node and its planned target.")
        List<Placement> placements) {

  public PlannedNode {
    vms = List.copyOf(vms);
    blockers = List.copyOf(blockers);
    placements = List.copyOf(placements);
  }
}
