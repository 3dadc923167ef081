package io.hvst.controller.api;

import io.hvst.controller.api.dto.UpgradeDetail;
import io.hvst.controller.api.dto.UpgradePlan;
import io.hvst.controller.api.dto.UpgradeSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1}: read-only views of Upgrades and dry-run plans. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "upgrades", description = "Upgrade status and dry-run plans (read-only)")
@ApiResponse(
    responseCode = "503",
    description = "The informer caches have not synced yet; retry after the Retry-After delay.",
    content =
        @Content(
            mediaType = Problems.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetail.class)))
public class UpgradesController {

  private final UpgradeQueries queries;

  public UpgradesController(UpgradeQueries queries) {
    this.queries = queries;
  }

  @Operation(summary = "List every Upgrade with its phase and node counts")
  @ApiResponse(
      responseCode = "200",
      description = "Every Upgrade, sorted by namespace and name.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              array = @ArraySchema(schema = @Schema(implementation = UpgradeSummary.class))))
  @GetMapping("/upgrades")
  public List<UpgradeSummary> list() {
    return queries.list();
  }

  @Operation(
      summary = "One Upgrade: phase, every node's progress, blocks and an estimate of time left",
      description =
          "A journal that cannot be read still answers 200, with phase JOURNAL_UNREADABLE and the"
              + " reason's message saying what is wrong with it.")
  @ApiResponse(
      responseCode = "200",
      description = "The Upgrade.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = UpgradeDetail.class)))
  @UpgradeProblemResponses
  @UpgradePathParameters
  @GetMapping("/upgrades/{namespace}/{name}")
  public UpgradeDetail detail(@PathVariable String namespace, @PathVariable String name) {
    KubernetesNames.requireUpgrade(namespace, name);
    return queries.detail(namespace, name);
  }

  @Operation(
      summary = "Dry run of an Upgrade on the cluster as it is now",
      description =
          "Computed from the caches; changes nothing. Works before the Upgrade started (order"
              + " computed as the controller would) and after (order from its journal).")
  @ApiResponse(
      responseCode = "200",
      description = "The plan.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = UpgradePlan.class)))
  @UpgradeProblemResponses
  @UpgradePathParameters
  @GetMapping("/upgrades/{namespace}/{name}/plan")
  public UpgradePlan plan(@PathVariable String namespace, @PathVariable String name) {
    KubernetesNames.requireUpgrade(namespace, name);
    return queries.plan(namespace, name);
  }

  @Operation(
      summary = "Preview of a hypothetical Upgrade to a version",
      description =
          "Validation, node order and gate blockers for an Upgrade that does not exist yet. An"
              + " invalid version is not an error: the validation says why it would be refused.")
  @ApiResponse(
      responseCode = "200",
      description = "The plan; namespace and name are null.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = UpgradePlan.class)))
  @ApiResponse(
      responseCode = "400",
      description = "The version parameter is missing.",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @GetMapping("/plan")
  public UpgradePlan preview(
      @RequestParam
          @Parameter(description = "The version to upgrade to, e.g. v1.5.0.", example = "v1.5.0")
          String version) {
    return queries.preview(version);
  }
}
