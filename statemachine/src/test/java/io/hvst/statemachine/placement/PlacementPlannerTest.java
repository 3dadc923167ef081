package io.hvst.statemachine.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.NodeSelectorTerm;
import io.hvst.statemachine.cluster.NodeSelectorTerm.Requirement;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.placement.Rejection.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementPlannerTest {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final Resources OVERHEAD = new Resources(100, 512L << 20);

  private final PlacementPlanner planner = new PlacementPlanner();

  @ParameterizedTest(name = "preferUpgraded={0} -> {1}")
  @CsvSource({"true, node-2", "false, node-3"})
  void prefersUpgradedNodesOverEmptierOnesOnlyWhenAsked(boolean prefer, String expected) {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-2").allocatable(16_000, 32).build(),
            CpuNode.named("node-3").build());

    PlacementPlan plan =
        planner.plan(
            snapshot(nodes), request(List.of(vm("vm-a")), Set.of(), Set.of("node-2"), prefer));

    assertThat(plan.targets()).containsExactly(Map.entry("default/vm-a", expected));
  }

  @Test
  void fallsBackToANodeNotYetUpgradedWhenUpgradedNodesAreFull() {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-2").allocatable(16_000, 4).build(),
            CpuNode.named("node-3").build());

    PlacementPlan plan =
        planner.plan(
            snapshot(nodes), request(List.of(vm("vm-a")), Set.of(), Set.of("node-2"), true));

    assertThat(plan.targets()).containsExactly(Map.entry("default/vm-a", "node-3"));
    assertThat(plan.placements().get(0).rejections())
        .extracting(Rejection::node, Rejection::reason)
        .containsExactly(
            tuple("node-1", Reason.SOURCE_NODE), tuple("node-2", Reason.INSUFFICIENT_MEMORY));
  }

  @Test
  void respectsCapacityAcrossSeveralVmsOfOnePlan() {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-2").allocatable(16_000, 10).build(),
            CpuNode.named("node-3").allocatable(16_000, 10).build());
    List<VmView> vms =
        List.of(
            TestVm.named("vm-b").size(1_000, 5).build(),
            TestVm.named("vm-c").size(1_000, 5).build(),
            TestVm.named("vm-a").size(1_000, 6).build());

    PlacementPlan plan = planner.plan(snapshot(nodes), request(vms, Set.of(), Set.of(), true));

    assertThat(plan.placements())
        .extracting(p -> p.vm().name())
        .as("largest first, then by key")
        .containsExactly("vm-a", "vm-b", "vm-c");
    assertThat(plan.targets())
        .containsExactly(Map.entry("default/vm-a", "node-2"), Map.entry("default/vm-b", "node-3"));
    assertThat(plan.unplaced()).hasSize(1);
    assertThat(plan.unplaced().get(0).rejections())
        .extracting(Rejection::node, Rejection::reason, Rejection::detail)
        .containsExactly(
            tuple("node-1", Reason.SOURCE_NODE, "the VM's own node"),
            tuple("node-2", Reason.INSUFFICIENT_MEMORY, "needs 5632 MiB memory, 3584 MiB free"),
            tuple("node-3", Reason.INSUFFICIENT_MEMORY, "needs 5632 MiB memory, 4608 MiB free"));
  }

  @Test
  void aVmThatCannotBePlacedConsumesNothing() {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-2").allocatable(16_000, 11).build());
    List<VmView> vms =
        List.of(
            TestVm.named("vm-big").size(1_000, 8).requires("vmx").build(),
            TestVm.named("vm-a").size(1_000, 5).build(),
            TestVm.named("vm-b").size(1_000, 5).build());

    PlacementPlan plan = planner.plan(snapshot(nodes), request(vms, Set.of(), Set.of(), true));

    assertThat(plan.targets())
        .containsExactly(Map.entry("default/vm-a", "node-2"), Map.entry("default/vm-b", "node-2"));
    assertThat(plan.unplaced()).extracting(p -> p.vm().name()).containsExactly("vm-big");
  }

  @ParameterizedTest(name = "target {0} -> {1}")
  @CsvSource({
    "fine,              PLACED",
    "excluded,          EXCLUDED",
    "notReady,          NOT_READY",
    "cordoned,          CORDONED",
    "schedulableFalse,  NOT_SCHEDULABLE",
    "schedulableAbsent, NOT_SCHEDULABLE",
    "reserved,          TAINTED",
    "evicting,          TAINTED",
    "preferredNot,      PLACED",
    "otherVendor,       VENDOR_MISMATCH",
    "otherHostModel,    HOST_MODEL_MISMATCH",
    "tooLittleMemory,   INSUFFICIENT_MEMORY",
    "tooFewCores,       INSUFFICIENT_CPU",
  })
  void refusesTargetsThatCannotTakeTheVm(String condition, String expected) {
    CpuNode target = CpuNode.named("node-2");
    switch (condition) {
      case "notReady" -> target.notReady();
      case "cordoned" -> target.cordoned();
      case "schedulableFalse" -> target.label(NodeRules.SCHEDULABLE, "false");
      case "schedulableAbsent" -> target.withoutLabel(NodeRules.SCHEDULABLE);
      case "reserved" -> target.taint("management", "reserved", "NoSchedule");
      case "evicting" -> target.taint("maintenance", "", "NoExecute");
      case "preferredNot" -> target.taint("spare", "", "PreferNoSchedule");
      case "otherVendor" -> target.vendor("AMD");
      case "otherHostModel" -> target.accepts("Haswell");
      case "tooLittleMemory" -> target.allocatable(16_000, 4);
      case "tooFewCores" -> target.allocatable(1_000, 64);
      default -> {}
    }
    Set<String> excluded = condition.equals("excluded") ? Set.of("node-2") : Set.of();
    List<NodeView> nodes = List.of(CpuNode.named("node-1").build(), target.build());

    PlacementPlan plan =
        planner.plan(snapshot(nodes), request(List.of(vm("vm-a")), excluded, Set.of(), true));

    if (expected.equals("PLACED")) {
      assertThat(plan.targets()).containsExactly(Map.entry("default/vm-a", "node-2"));
    } else {
      assertThat(plan.complete()).isFalse();
      assertThat(plan.unplaced().get(0).rejections())
          .extracting(Rejection::node, Rejection::reason)
          .containsExactly(
              tuple("node-1", Reason.SOURCE_NODE), tuple("node-2", Reason.valueOf(expected)));
    }
  }

  @Test
  void honoursTheNodeSelector() {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-2").label("zone", "b").build(),
            CpuNode.named("node-3").label("zone", "a").allocatable(16_000, 32).build());
    VmView vm = TestVm.named("vm-a").nodeSelector("zone", "a").build();

    PlacementPlan plan =
        planner.plan(snapshot(nodes), request(List.of(vm), Set.of(), Set.of(), false));

    assertThat(plan.targets()).containsExactly(Map.entry("default/vm-a", "node-3"));
    assertThat(plan.placements().get(0).rejections())
        .contains(
            new Rejection("node-2", Reason.NODE_SELECTOR, "lacks nodeSelector labels zone=a"));
  }

  @ParameterizedTest(name = "target labels [{0}] -> {1}")
  @CsvSource({
    "zone=a,          PLACED",
    "zone=a gpu=yes,  PLACED",
    "zone=b gpu=yes,  PLACED",
    "zone=b,          AFFINITY",
    "'',              AFFINITY",
  })
  void placesWhereAnyRequiredAffinityTermMatches(String labels, String expected) {
    CpuNode target = CpuNode.named("node-2");
    CpuNode.words(labels)
        .forEach(
            kv ->
                target.label(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
    VmView vm =
        TestVm.named("vm-a")
            .affinity(term(new Requirement("zone", "In", List.of("a"))))
            .affinity(term(new Requirement("gpu", "Exists", List.of())))
            .build();
    List<NodeView> nodes = List.of(CpuNode.named("node-1").build(), target.build());

    PlacementPlan plan =
        planner.plan(snapshot(nodes), request(List.of(vm), Set.of(), Set.of(), true));

    if (expected.equals("PLACED")) {
      assertThat(plan.targets()).containsExactly(Map.entry("default/vm-a", "node-2"));
    } else {
      assertThat(plan.unplaced().get(0).rejections())
          .contains(
              new Rejection("node-2", Reason.AFFINITY, "matches no required node affinity term"));
    }
  }

  /**
   * node-2 (upgraded, preferred, 64 GiB) is the target of vm-x's migration (40 GiB + overhead);
   * node-3 (64 GiB) is free.
   */
  @ParameterizedTest(name = "migration {0}, target pod exists={1}, VM of {2} GiB -> {3}")
  @CsvSource({
    "Running,   false, 30, node-3",
    "Scheduled, false, 20, node-2",
    "Succeeded, false, 30, node-2",
    "Failed,    false, 30, node-2",
    "Running,   true,  30, node-3",
    "Running,   true,  20, node-2",
  })
  void countsInFlightMigrationsAgainstTheirTarget(
      String phase, boolean targetPod, long gib, String expected) {
    VmView incoming = TestVm.named("vm-x").on("node-9").size(1_000, 40).build();
    List<PodView> pods =
        targetPod
            ? List.of(
                TestVm.launcher(
                    TestVm.named("vm-x").on("node-2").size(1_000, 40).build(), OVERHEAD))
            : List.of();
    MigrationView migration =
        new MigrationView(
            "default", "vm-x-migration", "vm-x", phase, "node-9", "node-2", "", Map.of());
    ClusterSnapshot snapshot =
        ClusterSnapshot.at(T0)
            .nodes(
                List.of(
                    CpuNode.named("node-1").build(),
                    CpuNode.named("node-2").build(),
                    CpuNode.named("node-3").build()))
            .vms(List.of(incoming))
            .pods(pods)
            .migrations(List.of(migration))
            .build();
    VmView vm = TestVm.named("vm-a").size(1_000, gib).build();

    PlacementPlan plan =
        planner.plan(snapshot, request(List.of(vm), Set.of(), Set.of("node-2"), true));

    assertThat(plan.targets()).containsExactly(Map.entry("default/vm-a", expected));
  }

  @Test
  void breaksTiesByNodeNameWhateverTheInputOrder() {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-4").build(),
            CpuNode.named("node-3").build(),
            CpuNode.named("node-2").build());
    List<VmView> vms = new ArrayList<>(List.of(vm("vm-a"), vm("vm-b"), vm("vm-c")));
    PlacementPlan first = planner.plan(snapshot(nodes), request(vms, Set.of(), Set.of(), true));
    Collections.shuffle(vms, new Random(7));
    Collections.reverse(vms);

    PlacementPlan again = planner.plan(snapshot(nodes), request(vms, Set.of(), Set.of(), true));

    assertThat(first.targets())
        .containsExactly(
            Map.entry("default/vm-a", "node-2"),
            Map.entry("default/vm-b", "node-3"),
            Map.entry("default/vm-c", "node-4"));
    assertThat(again).isEqualTo(first);
  }

  @Test
  void describesAnUnplacedVmByNameAndMissingFeatures() {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-2").features("pcid sse4_2").build(),
            CpuNode.named("node-3").cordoned().build());

    PlacementPlan plan =
        planner.plan(
            snapshot(nodes), request(List.of(TestVm.repoVm().build()), Set.of(), Set.of(), true));

    assertThat(plan.complete()).isFalse();
    assertThat(plan.targets()).isEmpty();
    assertThat(plan.describeUnplaced())
        .isEqualTo(
            "harvester-system/upgrade-repo-u: no node can take it"
                + " (node-2: lacks CPU features avx512f; node-3: cordoned)");
  }

  @Test
  void describesEveryUnplacedVmAndNothingWhenComplete() {
    List<NodeView> nodes =
        List.of(
            CpuNode.named("node-1").build(),
            CpuNode.named("node-2").allocatable(16_000, 6).build());
    PlacementPlan complete =
        planner.plan(snapshot(nodes), request(List.of(vm("vm-a")), Set.of(), Set.of(), true));

    PlacementPlan partial =
        planner.plan(
            snapshot(nodes),
            request(List.of(vm("vm-a"), vm("vm-b"), vm("vm-c")), Set.of(), Set.of(), true));

    assertThat(complete.complete()).isTrue();
    assertThat(complete.describeUnplaced()).isEmpty();
    assertThat(partial.describeUnplaced())
        .isEqualTo(
            "default/vm-b: no node can take it (node-2: needs 4608 MiB memory, 1536 MiB free); "
                + "default/vm-c: no node can take it (node-2: needs 4608 MiB memory, 1536 MiB free)");
  }

  @Test
  void saysSoWhenThereIsNoOtherNode() {
    PlacementPlan plan =
        planner.plan(
            snapshot(List.of(CpuNode.named("node-1").build())),
            request(List.of(vm("vm-a")), Set.of(), Set.of(), true));

    assertThat(plan.describeUnplaced())
        .isEqualTo("default/vm-a: no node can take it (no other node)");
  }

  static VmView vm(String name) {
    return TestVm.named(name).build();
  }

  static ClusterSnapshot snapshot(List<NodeView> nodes) {
    return ClusterSnapshot.at(T0).nodes(nodes).build();
  }

  static PlacementRequest request(
      List<VmView> vms, Set<String> excluded, Set<String> upgraded, boolean prefer) {
    return new PlacementRequest("node-1", vms, excluded, upgraded, prefer, OVERHEAD);
  }

  private static NodeSelectorTerm term(Requirement requirement) {
    return new NodeSelectorTerm(List.of(requirement));
  }
}
