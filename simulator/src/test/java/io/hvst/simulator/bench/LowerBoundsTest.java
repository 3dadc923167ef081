package io.hvst.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds follow from the simulated work and KubeVirt's limits, not from the controller. */
class LowerBoundsTest {

  private static final LowerBounds.Work WORK = new LowerBounds.Work(300, 600, 300, 2, 5);

  @Test
  void eachNodeCostsItsJobRebootAndMigrationRoundsOfTwo() {
    // 10 VMs leave in 5 rounds of 2; 11 need 6 rounds; an empty node costs Job + reboot only.
    assertThat(LowerBounds.makespanMs(List.of(10, 11, 0), WORK))
        .isEqualTo((900 + 5 * 300) + (900 + 6 * 300) + 900);
  }

  @Test
  void theClusterLimitBindsWhenItIsTighterThanThePerNodeLimit() {
    LowerBounds.Work oneAtATime = new LowerBounds.Work(300, 600, 300, 2, 1);
    assertThat(LowerBounds.makespanMs(List.of(4), oneAtATime)).isEqualTo(900 + 4 * 300);
  }

  @Test
  void theFirstDrainedNodesVmsMoveTwiceAndTheBestOrderDrainsTheSmallestFirst() {
    // 31 VMs; the smallest node has 10: 41 migrations at least.
    assertThat(LowerBounds.migrationsPerVm(List.of(10, 10, 11))).isCloseTo(41.0 / 31, within(1e-9));
    assertThat(LowerBounds.migrationsPerVm(List.of(0, 10, 10))).isEqualTo(1.0);
  }

  @Test
  void noVmsMeansNoMigrations() {
    assertThat(LowerBounds.migrationsPerVm(List.of(0, 0))).isZero();
    assertThat(LowerBounds.makespanMs(List.of(), WORK)).isZero();
  }
}
