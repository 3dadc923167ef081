package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradeSelectorTest {

  private static UpgradeRequest upgrade(String name, int minute) {
    return new UpgradeRequest(
        "harvester-system",
        name,
        "uid-" + name,
        "v1.5.0",
        null,
        World.T0.plusSeconds(60L * minute),
        Map.of());
  }

  @Test
  void letsTheNewestFreshUpgradeStartAndSupersedesOlderOnes() {
    UpgradeSelector.Selection s =
        UpgradeSelector.select(List.of(upgrade("old", 1), upgrade("new", 2)), Map.of());
    assertThat(s.startable()).map(UpgradeRequest::name).contains("new");
    assertThat(s.refused().get("harvester-system/old").reason()).isEqualTo(Reason.SUPERSEDED);
  }

  @Test
  void refusesASecondUpgradeWhileOneRuns() {
    UpgradeSelector.Selection s =
        UpgradeSelector.select(
            List.of(upgrade("running", 1), upgrade("second", 2)),
            Map.of("harvester-system/running", UpgradePhase.UPGRADING_NODES));
    assertThat(s.startable()).isEmpty();
    assertThat(s.refused().get("harvester-system/second").reason())
        .isEqualTo(Reason.ANOTHER_UPGRADE_RUNNING);
    assertThat(s.refused()).doesNotContainKey("harvester-system/running");
  }

  @Test
  void aFinishedUpgradeDoesNotBlockANewOne() {
    UpgradeSelector.Selection s =
        UpgradeSelector.select(
            List.of(upgrade("done", 1), upgrade("next", 2)),
            Map.of("harvester-system/done", UpgradePhase.SUCCEEDED));
    assertThat(s.startable()).map(UpgradeRequest::name).contains("next");
    assertThat(s.refused()).isEmpty();
  }
}
