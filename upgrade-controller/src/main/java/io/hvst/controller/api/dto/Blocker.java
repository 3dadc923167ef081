package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** Something that holds the upgrade back and will not clear by the controller's own work. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "What blocks the upgrade: a node (or the whole upgrade) and why.")
public record Blocker(
    @Schema(description = "The node held back; null when the whole upgrade is.", nullable = true)
        String node,
    ReasonDto reason) {}
