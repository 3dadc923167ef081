package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hvst.statemachine.lifecycle.NodeState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** When a node entered a state and, for a step, how long it stayed there. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "One state a node entered, in the order entered.")
public record StepTiming(
    NodeState state,
    @Schema(description = "When the node entered this state (the last time it did).")
        Instant enteredAt,
    @Schema(
            description =
                "How long the node spent in this step, in milliseconds, up to now for the step it"
                    + " is in; null for states that are not steps (SUCCEEDED, FAILED, PAUSED).",
            nullable = true)
        Long durationMs,
    @Schema(description = "True for the state the node is in now.") boolean current) {}
