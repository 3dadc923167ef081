package io.hvst.controller.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.controller.kube.UpgradeStatus;
import io.hvst.statemachine.status.ConditionView;
import io.hvst.statemachine.status.UpgradeStatusView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusWriterTest {

  private static final Instant T1 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant T2 = T1.plusSeconds(60);

  @Test
  void keepsConditionsOfOtherControllersAndMovesTransitionTimeOnlyOnStatusChange() {
    UpgradeCondition logReady = new UpgradeCondition("LogReady", "True", "", "");
    List<UpgradeCondition> first =
        StatusWriter.conditions(
            List.of(logReady),
            List.of(new ConditionView("Completed", "Unknown", "UpgradeInProgress", "m")),
            T1);
    assertThat(first)
        .extracting(UpgradeCondition::getType)
        .containsExactly("LogReady", "Completed");
    assertThat(first.get(1).getLastTransitionTime()).isEqualTo(T1.toString());

    List<UpgradeCondition> sameStatus =
        StatusWriter.conditions(
            first,
            List.of(new ConditionView("Completed", "Unknown", "UpgradeInProgress", "other text")),
            T2);
    assertThat(sameStatus.get(1).getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(sameStatus.get(1).getLastUpdateTime()).isEqualTo(T2.toString());

    List<UpgradeCondition> changed =
        StatusWriter.conditions(
            sameStatus,
            List.of(new ConditionView("Completed", "True", "UpgradeSucceeded", "done")),
            T2);
    assertThat(changed.get(1).getLastTransitionTime()).isEqualTo(T2.toString());
  }

  @Test
  void aRefusalWithoutAPreviousVersionLeavesTheRecordedOneAndNeedsNoWrite() {
    UpgradeStatus existing = new UpgradeStatus();
    existing.setPreviousVersion("v1.4.2");
    UpgradeStatusView refused = new UpgradeStatusView("Failed", "", Map.of(), List.of());
    UpgradeStatusView running = new UpgradeStatusView("Upgrading", "v1.4.2", Map.of(), List.of());
    UpgradeStatusView other = new UpgradeStatusView("Upgrading", "v1.4.3", Map.of(), List.of());

    assertThat(StatusWriter.samePreviousVersion(existing, refused)).isTrue();
    assertThat(StatusWriter.samePreviousVersion(existing, running)).isTrue();
    assertThat(StatusWriter.samePreviousVersion(existing, other)).isFalse();
    assertThat(StatusWriter.samePreviousVersion(new UpgradeStatus(), running)).isFalse();
  }
}
