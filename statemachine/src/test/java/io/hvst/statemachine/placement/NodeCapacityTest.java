package io.hvst.statemachine.placement;

import static io.hvst.statemachine.placement.CpuNode.GIB;
import static io.hvst.statemachine.placement.PlacementPlannerTest.OVERHEAD;
import static io.hvst.statemachine.placement.PlacementPlannerTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** node-1 and node-2 have 16 cores and 64 GiB each. */
class NodeCapacityTest {

  private static final VmView ON_NODE_1 = TestVm.named("vm-a").on("node-1").size(2_000, 8).build();

  @ParameterizedTest(name = "pod phase {0}, terminating={1} -> {2} GiB free")
  @CsvSource({
    "Running,   false, 56",
    "Pending,   false, 56",
    "Running,   true,  56",
    "Succeeded, false, 64",
    "Failed,    false, 64",
  })
  void subtractsThePodsThatStillHoldResources(String phase, boolean terminating, long freeGib) {
    PodView pod =
        new PodView(
            "default",
            "app",
            "node-1",
            phase,
            Map.of(),
            "ReplicaSet",
            false,
            "",
            new Resources(2_000, 8 * GIB),
            terminating);

    NodeCapacity capacity = NodeCapacity.of(cluster(List.of(pod), List.of()), OVERHEAD);

    assertThat(capacity.free("node-1").memoryBytes()).isEqualTo(freeGib * GIB);
    assertThat(capacity.free("node-2")).isEqualTo(new Resources(16_000, 64 * GIB));
  }

  @ParameterizedTest(
      name = "migration {0} to [{1}], target pod exists={2} -> {3} GiB taken on node-2")
  @CsvSource({
    "Running,    node-2, false, 8.5",
    "Scheduling, node-2, false, 8.5",
    "Running,    node-2, true,  8.5",
    "Pending,    '',     false, 0",
    "Succeeded,  node-2, false, 0",
    "Failed,     node-2, false, 0",
  })
  void countsAnIncomingVmOnceUntilItsMigrationEnds(
      String phase, String target, boolean targetPod, double takenGib) {
    List<PodView> pods =
        targetPod
            ? List.of(
                TestVm.launcher(TestVm.named("vm-a").on("node-2").size(2_000, 8).build(), OVERHEAD))
            : List.of();
    MigrationView migration =
        new MigrationView("default", "m-1", "vm-a", phase, "node-1", target, "", Map.of());

    NodeCapacity capacity = NodeCapacity.of(cluster(pods, List.of(migration)), OVERHEAD);

    assertThat(capacity.free("node-2").memoryBytes()).isEqualTo(64 * GIB - (long) (takenGib * GIB));
  }

  @Test
  void releasesWhatAVmHeldOnTheNodeItLeaves() {
    ClusterSnapshot snapshot = cluster(List.of(TestVm.launcher(ON_NODE_1, OVERHEAD)), List.of());
    NodeCapacity capacity = NodeCapacity.of(snapshot, OVERHEAD);
    Resources need = ON_NODE_1.requests().plus(OVERHEAD);

    capacity.reserve(ON_NODE_1, "node-2", need);
    capacity.release(ON_NODE_1, "node-1");

    assertThat(capacity.free("node-1")).isEqualTo(new Resources(16_000, 64 * GIB));
    assertThat(capacity.free("node-2")).isEqualTo(new Resources(16_000, 64 * GIB).minus(need));
  }

  @Test
  void releasingAVmThatHoldsNothingThereChangesNothing() {
    NodeCapacity capacity = NodeCapacity.of(cluster(List.of(), List.of()), OVERHEAD);

    capacity.release(ON_NODE_1, "node-1");

    assertThat(capacity.free("node-1")).isEqualTo(new Resources(16_000, 64 * GIB));
    assertThat(capacity.free("node-7")).isEqualTo(Resources.NONE);
  }

  private static ClusterSnapshot cluster(List<PodView> pods, List<MigrationView> migrations) {
    return ClusterSnapshot.at(T0)
        .nodes(List.of(CpuNode.named("node-1").build(), CpuNode.named("node-2").build()))
        .vms(List.of(ON_NODE_1))
        .pods(pods)
        .migrations(migrations)
        .build();
  }
}
