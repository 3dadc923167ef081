package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** Where a VM would go when its node is drained; filled in once placement is planned. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The planned target of one VM when its node is drained.")
public record Placement(
    @Schema(description = "The node the VM runs on now.") String node,
    @Schema(description = "namespace/name of the VMI.") String vm,
    @Schema(
            description = "The node it is planned to move to; null when not planned or none fits.",
            nullable = true)
        String target,
    @Schema(
            description = "Why the target was chosen, or why there is none; null when not planned.",
            nullable = true)
        String reason) {}
