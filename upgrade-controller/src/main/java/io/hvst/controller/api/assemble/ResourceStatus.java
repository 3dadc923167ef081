package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.ConditionDto;
import io.hvst.controller.api.dto.ReasonDto;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.statemachine.status.ConditionView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the Upgrade resource itself shows: its state label and its conditions. */
final class ResourceStatus {

  private ResourceStatus() {}

  /** The {@code harvesterhci.io/upgradeState} label, or null when it has none yet. */
  static String harvesterState(Upgrade upgrade) {
    Map<String, String> labels = upgrade.getMetadata().getLabels();
    return labels == null ? null : labels.get(Upgrade.STATE_LABEL);
  }

  static List<ConditionDto> conditions(Upgrade upgrade) {
    return conditionList(upgrade).stream()
        .map(
            c ->
                new ConditionDto(
                    c.getType(),
                    c.getStatus(),
                    c.getReason(),
                    c.getMessage(),
                    c.getLastTransitionTime()))
        .toList();
  }

  /** The refusal the controller wrote: a Completed condition that is False, with its reason. */
  static Optional<ReasonDto> refusal(Upgrade upgrade) {
    return conditionList(upgrade).stream()
        .filter(c -> ConditionView.COMPLETED.equals(c.getType()))
        .filter(c -> "False".equals(c.getStatus()))
        .filter(c -> c.getReason() != null && !c.getReason().isBlank())
        .findFirst()
        .map(c -> new ReasonDto(c.getReason(), c.getMessage()));
  }

  private static List<UpgradeCondition> conditionList(Upgrade upgrade) {
    return upgrade.getStatus() == null ? List.of() : upgrade.getStatus().getConditions();
  }
}
