package io.hvst.statemachine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpgradeLifecycleTest {

  private final UpgradeLifecycle lifecycle = new UpgradeLifecycle();

  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @CsvSource({
    "PENDING,         ACCEPTED,           PREFLIGHT",
    "PREFLIGHT,       PREFLIGHT_PASSED,   UPGRADING_NODES",
    "UPGRADING_NODES, ALL_NODES_UPGRADED, SUCCEEDED",
    "UPGRADING_NODES, NODE_FAILED,        FAILED",
    "UPGRADING_NODES, PAUSE,              PAUSED",
    "PAUSED,          RESUME,             UPGRADING_NODES",
    "FAILED,          RETRY,              UPGRADING_NODES",
    "FAILED,          ABORT,              ABORTED",
    "UPGRADING_NODES, ABORT,              ABORTED",
  })
  void allowsThePhasesInOrder(UpgradePhase from, UpgradeEvent event, UpgradePhase to) {
    assertThat(lifecycle.fire(from, event)).contains(to);
  }

  @ParameterizedTest(name = "{0} --{1}--> denied")
  @CsvSource({
    "PENDING,   ALL_NODES_UPGRADED",
    "SUCCEEDED, ABORT",
    "SUCCEEDED, RETRY",
    "ABORTED,   RESUME",
    "ABORTED,   RETRY",
    "PAUSED,    ALL_NODES_UPGRADED",
  })
  void deniesEverythingElse(UpgradePhase from, UpgradeEvent event) {
    assertThat(lifecycle.fire(from, event)).isEmpty();
  }
}
