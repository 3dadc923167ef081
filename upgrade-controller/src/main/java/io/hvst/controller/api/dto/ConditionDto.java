package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** One condition of the Upgrade resource, as it is stored. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A condition of the Upgrade resource (status.conditions).")
public record ConditionDto(
    String type,
    @Schema(description = "True, False or Unknown.") String status,
    @Schema(nullable = true) String reason,
    @Schema(nullable = true) String message,
    @Schema(nullable = true) String lastTransitionTime) {}
