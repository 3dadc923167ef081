package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** An estimate of the time left, from what the nodes measured so far. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    description =
        "Estimate of the time left. Method: the mean total step time of the nodes that succeeded"
            + " (meanNodeMs) counts once for every queued node; a node in progress (or paused)"
            + " counts the mean minus the step time it has already spent, never below zero. Nodes"
            + " are assumed to run one after another (maxUnavailable 1). remainingMs is null while"
            + " no node has finished, and when the upgrade failed or was aborted (it will not go"
            + " on by itself); it is 0 once the upgrade succeeded.")
public record RemainingTime(
    @Schema(description = "Estimated milliseconds left; see the method above.", nullable = true)
        Long remainingMs,
    @Schema(description = "Mean total step time of succeeded nodes.", nullable = true)
        Long meanNodeMs,
    @Schema(description = "How many succeeded nodes the mean is taken over.") int basedOnNodes,
    @Schema(description = "Nodes not finished yet (queued, in progress or paused).")
        int remainingNodes) {}
