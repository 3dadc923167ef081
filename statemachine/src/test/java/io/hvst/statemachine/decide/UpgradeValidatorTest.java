package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpgradeValidatorTest {

  private final UpgradeValidator validator = new UpgradeValidator(World.policy());

  @ParameterizedTest(name = "spec.version \"{0}\" on nodes at {1}/{2} -> {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "v1.5.0,  v1.4.0, v1.4.0, OK",
        "v1.5.0,  v1.4.0, v1.5.0, OK",
        "null,    v1.4.0, v1.4.0, MISSING_VERSION",
        "'  ',    v1.4.0, v1.4.0, MISSING_VERSION",
        "latest,  v1.4.0, v1.4.0, INVALID_VERSION",
        "v1.5,    v1.4.0, v1.4.0, INVALID_VERSION",
        "v1.4.0,  v1.4.0, v1.4.0, ALREADY_AT_VERSION",
        "v1.3.0,  v1.4.0, v1.4.0, DOWNGRADE_REFUSED",
        "v1.4.1,  v1.4.0, v1.5.0, DOWNGRADE_REFUSED",
      })
  void refusesBadUpgradesBeforeTouchingAnything(
      String version, String first, String second, String expected) {
    World world =
        new World().with(Nodes.management("a").running(first), Nodes.worker("b").running(second));
    Optional<Refusal> refusal = validator.validate(World.upgrade(version), world.snapshot());
    if (expected.equals("OK")) {
      assertThat(refusal).isEmpty();
    } else {
      assertThat(refusal).map(Refusal::reason).contains(Reason.valueOf(expected));
      assertThat(refusal.orElseThrow().message()).isNotBlank();
    }
  }

  @ParameterizedTest
  @CsvSource({"v1.4.0, v1.4.2, v1.4.0", "v1.4.2, v1.4.2, v1.4.2"})
  void reportsTheOldestRunningVersionAsPrevious(String a, String b, String expected) {
    World world = new World().with(Nodes.worker("a").running(a), Nodes.worker("b").running(b));
    assertThat(validator.previousVersion(world.snapshot())).isEqualTo(expected);
  }
}
