package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** Whether the placements of this plan were computed, and if not, why. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Whether VM placements were planned for this dry run.")
public record PlacementPlanning(
    @Schema(description = "True when every placement's target and reason were computed.")
        boolean available,
    @Schema(description = "What the placements mean, or why they are empty.") String explanation) {}
