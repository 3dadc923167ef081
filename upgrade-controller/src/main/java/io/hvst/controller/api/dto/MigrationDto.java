package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One live migration of a VM off a node, as the journal recorded it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A live migration the controller started for a VM on this node.")
public record MigrationDto(
    @Schema(description = "The VMI as namespace/name.") String vm,
    @Schema(description = "The VirtualMachineInstanceMigration's name.") String migration,
    @Schema(description = "Source node.", nullable = true) String from,
    @Schema(description = "Target node, once known.", nullable = true) String to,
    int attempt,
    @Schema(description = "Running, Succeeded or Failed.") String result,
    @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true) Instant finishedAt,
    @Schema(
            description = "finishedAt - startedAt in milliseconds; null while running.",
            nullable = true)
        Long durationMs,
    @Schema(description = "Why it failed, when it did.", nullable = true) String message) {}
