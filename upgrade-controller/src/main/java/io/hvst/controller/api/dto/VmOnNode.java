package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** A VM running on a node, with what decides whether it can move off it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A VirtualMachineInstance on the node.")
public record VmOnNode(
    @Schema(description = "namespace/name of the VMI.") String vm,
    @Schema(description = "KubeVirt phase, e.g. Running.") String phase,
    @Schema(description = "KubeVirt's LiveMigratable condition.") boolean liveMigratable,
    @Schema(description = "Why it is not live-migratable, if it is not.", nullable = true)
        String notMigratableReason,
    @Schema(description = "spec.evictionStrategy, e.g. LIVE_MIGRATE.") String evictionStrategy,
    @Schema(description = "True when draining the node moves it by live migration.")
        boolean movesByMigration,
    @Schema(description = "True for Harvester's upgrade-repo VM.") boolean repoVm) {}
