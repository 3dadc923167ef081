package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** What the controller's validation says about starting the upgrade on the cluster as it is. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The result of validating the upgrade against the current caches.")
public record Validation(
    @Schema(description = "True when the controller would accept the upgrade now.") boolean valid,
    @Schema(description = "Why it would be refused; null when valid.", nullable = true)
        ReasonDto refusal,
    @Schema(description = "The oldest version any node reports now.", nullable = true)
        String currentVersion) {}
