package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A dry run of an upgrade on the cluster as the caches show it; nothing is changed by it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A dry run computed from the informer caches; it changes nothing.")
public record UpgradePlan(
    @Schema(description = "Namespace of the Upgrade; null for a preview.", nullable = true)
        String namespace,
    @Schema(description = "Name of the Upgrade; null for a preview.", nullable = true) String name,
    @Schema(description = "The version to install.", nullable = true) String version,
    @Schema(description = "True when the upgrade has a journal (it started).") boolean started,
    @Schema(description = "JOURNAL when the order is the started upgrade's, COMPUTED otherwise.")
        OrderSource orderSource,
    Validation validation,
    @Schema(description = "Nodes in upgrade order.") List<PlannedNode> nodes,
    PlacementPlanning placementPlanning,
    @Schema(description = "The instant the caches were read at.") Instant observedAt) {

  /** Where the node order comes from. */
  public enum OrderSource {
    JOURNAL,
    COMPUTED
  }

  public UpgradePlan {
    nodes = List.copyOf(nodes);
  }
}
