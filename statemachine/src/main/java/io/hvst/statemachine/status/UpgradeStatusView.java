package io.hvst.statemachine.status;

import java.util.List;
import java.util.Map;

/**
 * The status the Upgrade resource should show, in Harvester's own vocabulary.
 *
 * @param upgradeState the value of the {@code harvesterhci.io/upgradeState} label
 */
public record UpgradeStatusView(
    String upgradeState,
    String previousVersion,
    Map<String, NodeStatusView> nodeStatuses,
    List<ConditionView> conditions) {

  public UpgradeStatusView {
    nodeStatuses = Map.copyOf(nodeStatuses);
    conditions = List.copyOf(conditions);
  }
}
