package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hvst.statemachine.lifecycle.NodeState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One node of a started upgrade: where it is, since when, and what it waits for. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "One node of the upgrade, in upgrade order.")
public record NodeProgress(
    @Schema(description = "Node name.") String node,
    @Schema(description = "1-based position in the upgrade order.") int position,
    NodeState state,
    @Schema(
            description = "Harvester's state string (e.g. Pre-draining); null while queued.",
            nullable = true)
        String harvesterState,
    @Schema(
            description =
                "What the node waits for now (as the controller would decide on the current"
                    + " caches), or why it failed; null when nothing holds it.",
            nullable = true)
        ReasonDto reason,
    @Schema(description = "1 for the first run; a retry increments it.") int attempt,
    @Schema(description = "The node upgrade Job's name, once recorded.", nullable = true)
        String job,
    @Schema(description = "Every state entered, with per-step durations.") List<StepTiming> steps,
    List<MigrationDto> migrations,
    List<StoppedVmDto> stoppedVms) {

  public NodeProgress {
    steps = List.copyOf(steps);
    migrations = List.copyOf(migrations);
    stoppedVms = List.copyOf(stoppedVms);
  }
}
