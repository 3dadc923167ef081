package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.session.UpgradeSession;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad Upgrade ends with a clear condition and reason, and no node is touched. */
class BadUpgradeIT {

  @ParameterizedTest(name = "spec.version \"{0}\" -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none, MissingVersion",
        "v1.4.2, AlreadyAtVersion",
        "latest, InvalidVersion",
        "v1.3.0, DowngradeRefused"
      })
  void refusesABadUpgradeWithAReasonAndTouchesNoNode(String version, String reason) {
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 1, 1), null, Map.of())) {
      session.createUpgrade("bad", version, null);
      Upgrade refused = session.awaitCompletedReason("bad", reason, Duration.ofSeconds(30));

      assertThat(UpgradeSession.state(refused)).isEqualTo("Failed");
      UpgradeCondition completed =
          refused.getStatus().getConditions().stream()
              .filter(c -> c.getType().equals("Completed"))
              .findFirst()
              .orElseThrow();
      assertThat(completed.getStatus()).isEqualTo("False");
      assertThat(completed.getMessage()).isNotBlank();
      assertThat(session.journalConfigMap("bad")).isEmpty();
      assertThat(session.cluster().client().batch().v1().jobs().inAnyNamespace().list().getItems())
          .isEmpty();
      assertThat(session.cluster().history().samples())
          .allMatch(s -> !s.unschedulable() && s.ready());
    }
  }
}
