package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** One Upgrade in full: its phase, each node's progress and timings, blocks and an estimate. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "One Upgrade with the progress of every node.")
public record UpgradeDetail(
    String namespace,
    String name,
    ProgressPhase phase,
    @Schema(description = "The harvesterhci.io/upgradeState label.", nullable = true)
        String harvesterState,
    @Schema(description = "The version being installed.", nullable = true) String targetVersion,
    @Schema(description = "The version the cluster ran before.", nullable = true)
        String previousVersion,
    @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true) Instant finishedAt,
    @Schema(
            description =
                "Why the Upgrade was refused, failed or cannot be read (with the journal's"
                    + " message); null otherwise.",
            nullable = true)
        ReasonDto reason,
    @Schema(description = "Nodes in upgrade order; empty until the upgrade started.")
        List<NodeProgress> nodes,
    @Schema(description = "What blocks the upgrade now; empty when nothing does.")
        List<Blocker> blocked,
    @Schema(description = "The Upgrade resource's conditions.") List<ConditionDto> conditions,
    RemainingTime estimate,
    @Schema(description = "The instant the caches were read at.") Instant observedAt) {

  public UpgradeDetail {
    nodes = List.copyOf(nodes);
    blocked = List.copyOf(blocked);
    conditions = List.copyOf(conditions);
  }
}
