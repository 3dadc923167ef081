package io.hvst.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvst.simulator.api.FaultDice.Kind;
import io.hvst.simulator.api.FaultDice.Plan;
import io.hvst.simulator.api.FaultDice.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dice: seeded, at the planned rates, and a conflict only for writes. */
class FaultDiceTest {

  private static final Plan MIXED =
      new Plan(0.3, List.of(500, 503, 409), 0.2, Duration.ofMillis(10), 0.1, Duration.ofSeconds(1));

  @Test
  void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
    assertThat(rolls(7, MIXED, 200)).isEqualTo(rolls(7, MIXED, 200));
    assertThat(rolls(7, MIXED, 200)).isNotEqualTo(rolls(8, MIXED, 200));
  }

  @Test
  void changingThePlanDoesNotShiftTheSequenceOfDraws() {
    FaultDice dice = new FaultDice(7);
    dice.change(p -> MIXED);
    dice.roll(true);
    Verdict second = dice.roll(true);

    FaultDice other = new FaultDice(7);
    other.roll(true);
    other.change(p -> MIXED);

    assertThat(other.roll(true)).isEqualTo(second);
  }

  @Test
  void faultsStrikeAtAboutThePlannedRates() {
    List<Verdict> verdicts = rolls(1, MIXED, 5000);
    assertThat(share(verdicts, Kind.ERROR)).isBetween(0.27, 0.33);
    // Late answers are drawn apart from errors, so errors take their share of them first.
    assertThat(share(verdicts, Kind.TIMEOUT)).isBetween(0.7 * 0.1 - 0.02, 0.7 * 0.1 + 0.02);
    assertThat(share(verdicts, Kind.SLOW)).isBetween(0.7 * 0.2 - 0.02, 0.7 * 0.2 + 0.02);
    assertThat(verdicts).extracting(Verdict::code).contains(500, 503, 409);
  }

  @Test
  void aConflictNeverAnswersARead() {
    FaultDice dice = new FaultDice(3);
    dice.change(p -> new Plan(1, List.of(409), 0, Duration.ZERO, 0, Duration.ZERO));
    for (int i = 0; i < 100; i++) {
      assertThat(dice.roll(false).kind()).isEqualTo(Kind.NONE);
      assertThat(dice.roll(true).code()).isEqualTo(409);
    }
  }

  @Test
  void aPlanOutsideTheRulesIsRefused() {
    assertThatThrownBy(() -> new Plan(1.5, List.of(500), 0, Duration.ZERO, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Plan(0.1, List.of(404), 0, Duration.ZERO, 0, Duration.ZERO))
        .hasMessageContaining("404");
    assertThatThrownBy(() -> new Plan(0, List.of(), 0.6, Duration.ZERO, 0.6, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Verdict> rolls(long seed, Plan plan, int n) {
    FaultDice dice = new FaultDice(seed);
    dice.change(p -> plan);
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      verdicts.add(dice.roll(i % 2 == 0));
    }
    return verdicts;
  }

  private static double share(List<Verdict> verdicts, Kind kind) {
    return verdicts.stream().filter(v -> v.kind() == kind).count() / (double) verdicts.size();
  }
}
