package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hvst.statemachine.lifecycle.NodeState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Upgrade in the list: enough to tell where it is without opening it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "One Upgrade, summarised.")
public record UpgradeSummary(
    @Schema(description = "Namespace of the Upgrade resource.") String namespace,
    @Schema(description = "Name of the Upgrade resource.") String name,
    @Schema(description = "spec.version as written on the Upgrade.", nullable = true)
        String version,
    ProgressPhase phase,
    @Schema(
            description = "The harvesterhci.io/upgradeState label, as Harvester shows it.",
            nullable = true)
        String harvesterState,
    @Schema(description = "How many nodes are in each state; every state is listed, zeros too.")
        Map<NodeState, Long> nodesByState,
    @Schema(description = "When the journal was started.", nullable = true) Instant startedAt,
    @Schema(description = "When the upgrade succeeded, failed or was aborted.", nullable = true)
        Instant finishedAt,
    @Schema(
            description = "Why the Upgrade was refused, failed, or cannot be read; null otherwise.",
            nullable = true)
        ReasonDto reason) {

  public UpgradeSummary {
    nodesByState = Collections.unmodifiableMap(new LinkedHashMap<>(nodesByState));
  }
}
