package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A VM the controller stopped because it could not migrate; it is started again afterwards. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A VM stopped (and later started again) because it could not migrate.")
public record StoppedVmDto(
    @Schema(description = "The VirtualMachine as namespace/name.") String vm,
    @Schema(description = "The node it ran on.") String node,
    @Schema(description = "STOPPING, STOPPED, STARTING or STARTED.") String state,
    @Schema(description = "Its spec.runStrategy before it was stopped.") String runStrategy,
    @Schema(description = "When it entered that state.", nullable = true) Instant at) {}
