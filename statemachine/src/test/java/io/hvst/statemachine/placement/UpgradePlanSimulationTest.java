package io.hvst.statemachine.placement;

import static io.hvst.statemachine.placement.PlacementPlannerTest.OVERHEAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.EvictionStrategy;
import io.hvst.statemachine.placement.UpgradePlanResult.NodePlan;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UpgradePlanSimulationTest {

  /**
   * The first node's VMs can only go to nodes not upgraded yet, so they move twice: 50 VMs on 10
   * nodes need at least 55 migrations. Preferring upgraded nodes reaches that bound.
   */
  @Test
  void preferringUpgradedNodesMovesEveryVmOnceAndTheFirstNodesVmsTwice() {
    ClusterSnapshot cluster = Fleet.of(10, 5, (node, vm) -> 4).snapshot();

    UpgradePlanResult planned = simulate(cluster, Fleet.order(10), true);
    UpgradePlanResult naive = simulate(cluster, Fleet.order(10), false);

    assertThat(planned.blockers()).isEmpty();
    assertThat(planned.vms()).isEqualTo(50);
    assertThat(planned.migrations()).isEqualTo(55);
    assertThat(planned.migrationsPerVm()).isEqualTo(1.1);
    assertThat(planned.migrationsPerVm()).isLessThanOrEqualTo(naive.migrationsPerVm());
    assertThat(movesPerVm(planned))
        .hasSize(50)
        .allSatisfy(
            (vm, moves) -> assertThat(moves).isEqualTo(vm.startsWith("default/vm-01-") ? 2 : 1));
  }

  @Test
  void naivePlacementMovesMixedSizeVmsMoreOften() {
    ClusterSnapshot cluster = Fleet.of(10, 5, (node, vm) -> 1 + (node * 7 + vm * 3) % 8).snapshot();

    UpgradePlanResult planned = simulate(cluster, Fleet.order(10), true);
    UpgradePlanResult naive = simulate(cluster, Fleet.order(10), false);

    assertThat(planned.blockers()).isEmpty();
    assertThat(naive.blockers()).isEmpty();
    assertThat(planned.migrationsPerVm()).isEqualTo(1.1);
    assertThat(naive.migrationsPerVm()).isGreaterThan(planned.migrationsPerVm());
  }

  @Test
  void drainsAVmAgainFromTheNodeItWasMovedTo() {
    ClusterSnapshot cluster =
        Fleet.of(3, 0, (node, vm) -> 0).vm(TestVm.named("vm-a").on("node-01")).snapshot();

    UpgradePlanResult result = simulate(cluster, Fleet.order(3), true);

    assertThat(result.nodes()).extracting(NodePlan::node).containsExactlyElementsOf(Fleet.order(3));
    assertThat(targets(result, 0)).containsExactly(Map.entry("default/vm-a", "node-02"));
    assertThat(targets(result, 1)).containsExactly(Map.entry("default/vm-a", "node-01"));
    assertThat(result.nodes().get(2).placements()).isEmpty();
    assertThat(result.vms()).isEqualTo(1);
    assertThat(result.migrationsPerVm()).isEqualTo(2.0);
  }

  @Test
  void freesWhatADrainedNodeHeldForTheNodesAfterIt() {
    ClusterSnapshot cluster =
        Fleet.of(2, 0, (node, vm) -> 0)
            .node(CpuNode.named("node-01").allocatable(16_000, 10))
            .node(CpuNode.named("node-02").allocatable(16_000, 10))
            .vm(TestVm.named("vm-a").on("node-01").size(1_000, 4))
            .vm(TestVm.named("vm-b").on("node-02").size(1_000, 4))
            .snapshot();

    UpgradePlanResult result = simulate(cluster, Fleet.order(2), true);

    assertThat(result.blockers()).isEmpty();
    assertThat(targets(result, 1))
        .containsExactly(
            Map.entry("default/vm-a", "node-01"), Map.entry("default/vm-b", "node-01"));
    assertThat(result.migrations()).isEqualTo(3);
  }

  @Test
  void aNodeDrainedEarlierTakesVmsWithoutOurCordonButAPersonsCordonStays() {
    ClusterSnapshot cluster =
        Fleet.of(3, 0, (node, vm) -> 0)
            .node(CpuNode.named("node-01").cordonedByUpgrade())
            .node(CpuNode.named("node-03").cordoned())
            .vm(TestVm.named("vm-a").on("node-02"))
            .snapshot();

    UpgradePlanResult result = simulate(cluster, Fleet.order(2), true);

    assertThat(result.blockers()).isEmpty();
    assertThat(targets(result, 1)).containsExactly(Map.entry("default/vm-a", "node-01"));
  }

  @Test
  void prefersNodesOutsideTheOrderLikeUpgradedOnes() {
    ClusterSnapshot cluster = Fleet.of(3, 1, (node, vm) -> 4).snapshot();

    UpgradePlanResult result = simulate(cluster, Fleet.order(2), true);

    assertThat(targets(result, 0)).containsExactly(Map.entry("default/vm-01-1", "node-03"));
    assertThat(targets(result, 1)).containsExactly(Map.entry("default/vm-02-1", "node-01"));
    assertThat(result.vms()).isEqualTo(2);
    assertThat(result.migrationsPerVm()).isEqualTo(1.0);
  }

  @Test
  void listsVmsThatMustMigrateButCannot() {
    ClusterSnapshot cluster =
        Fleet.of(3, 0, (node, vm) -> 0)
            .vm(TestVm.named("vm-x").on("node-01").notMigratable("DisksNotLiveMigratable"))
            .vm(
                TestVm.repoVm()
                    .on("node-02")
                    .eviction(EvictionStrategy.NONE)
                    .notMigratable("HostDeviceNotLiveMigratable"))
            .vm(
                TestVm.named("vm-stop")
                    .on("node-01")
                    .eviction(EvictionStrategy.NONE)
                    .notMigratable("DisksNotLiveMigratable"))
            .vm(
                TestVm.named("vm-maybe")
                    .on("node-01")
                    .eviction(EvictionStrategy.LIVE_MIGRATE_IF_POSSIBLE)
                    .notMigratable("DisksNotLiveMigratable"))
            .vm(TestVm.named("vm-stays").on("node-03").notMigratable("DisksNotLiveMigratable"))
            .snapshot();

    UpgradePlanResult result = simulate(cluster, Fleet.order(2), true);

    assertThat(result.blockers())
        .containsExactly(
            "default/vm-x is not live-migratable: DisksNotLiveMigratable",
            "harvester-system/upgrade-repo-u is not live-migratable: HostDeviceNotLiveMigratable");
    assertThat(result.vms()).isZero();
    assertThat(result.migrations()).isZero();
    assertThat(result.migrationsPerVm()).isZero();
  }

  @Test
  void listsVmsWithNoTargetAndLeavesThemWhereTheyAre() {
    ClusterSnapshot cluster =
        Fleet.of(2, 0, (node, vm) -> 0)
            .node(CpuNode.named("node-02").features("pcid sse4_2"))
            .vm(TestVm.repoVm().on("node-01"))
            .snapshot();

    UpgradePlanResult result = simulate(cluster, Fleet.order(2), true);

    assertThat(result.blockers())
        .containsExactly(
            "harvester-system/upgrade-repo-u: no node can take it (node-02: lacks CPU features avx512f)");
    assertThat(result.feasible()).isFalse();
    assertThat(result.nodes().get(1).placements()).isEmpty();
    assertThat(result.vms()).isEqualTo(1);
    assertThat(result.migrations()).isZero();
  }

  private static UpgradePlanResult simulate(
      ClusterSnapshot cluster, List<String> order, boolean prefer) {
    return UpgradePlanSimulation.simulate(cluster, order, prefer, OVERHEAD);
  }

  private static Map<String, String> targets(UpgradePlanResult result, int step) {
    return new PlacementPlan(result.nodes().get(step).placements()).targets();
  }

  private static Map<String, Long> movesPerVm(UpgradePlanResult result) {
    return result.nodes().stream()
        .flatMap(n -> n.placements().stream())
        .filter(Placement::placed)
        .collect(Collectors.groupingBy(p -> p.vm().key(), Collectors.counting()));
  }
}
