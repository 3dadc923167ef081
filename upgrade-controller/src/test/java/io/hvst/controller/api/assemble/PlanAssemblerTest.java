package io.hvst.controller.api.assemble;

import static io.hvst.controller.api.assemble.Fixtures.T0;
import static io.hvst.controller.api.assemble.Fixtures.journal;
import static io.hvst.controller.api.assemble.Fixtures.node;
import static io.hvst.controller.api.assemble.Fixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hvst.controller.api.dto.Placement;
import io.hvst.controller.api.dto.PlannedNode;
import io.hvst.controller.api.dto.ReasonDto;
import io.hvst.controller.api.dto.UpgradePlan;
import io.hvst.controller.api.dto.UpgradePlan.OrderSource;
import io.hvst.controller.api.dto.VmOnNode;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.CpuSpec;
import io.hvst.statemachine.cluster.EvictionStrategy;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanAssemblerTest {

  private static final UpgradeRequest UPGRADE =
      new UpgradeRequest("harvester-system", "hvst-upgrade", "uid-1", "v1.5.0", null, T0, Map.of());
  private static final Resources SMALL = new Resources(1000, 1L << 30);

  private final PlanAssembler plans = new PlanAssembler(Fixtures.policy());

  @Test
  void beforeTheUpgradeStartsOrdersManagementFirstAndTheRepoVmHostLastInItsGroup() {
    ClusterSnapshot snapshot =
        snapshot(
            List.of(
                node("w-1", false, true, "v1.4.2"),
                node("m-1", true, true, "v1.4.2"),
                node("m-2", true, true, "v1.4.2"),
                node("m-3", true, true, "v1.4.2")),
            List.of(repoVm("m-1"), VmView.simple("default", "vm-1", "w-1", SMALL)));

    UpgradePlan plan = plans.plan(UPGRADE, Optional.empty(), snapshot);

    assertThat(plan.started()).isFalse();
    assertThat(plan.orderSource()).isEqualTo(OrderSource.COMPUTED);
    assertThat(plan.nodes())
        .extracting(PlannedNode::position, PlannedNode::node, PlannedNode::management)
        .containsExactly(
            tuple(1, "m-2", true),
            tuple(2, "m-3", true),
            tuple(3, "m-1", true),
            tuple(4, "w-1", false));
    assertThat(plan.nodes()).allSatisfy(n -> assertThat(n.blockers()).isEmpty());
    assertThat(plan.nodes()).allSatisfy(n -> assertThat(n.state()).isNull());
    assertThat(plan.validation().valid()).isTrue();
    assertThat(plan.validation().refusal()).isNull();
    assertThat(plan.validation().currentVersion()).isEqualTo("v1.4.2");
    assertThat(plan.observedAt()).isEqualTo(T0);
  }

  @Test
  void plansEachVmsTargetAndSaysWhenAVmWillMoveAgain() {
    ClusterSnapshot snapshot =
        snapshot(
            List.of(node("w-1", false, true, "v1.4.2"), node("w-2", false, true, "v1.4.2")),
            List.of(
                VmView.simple("default", "vm-b", "w-1", SMALL), pinned("default", "vm-a", "w-1")));

    UpgradePlan plan = plans.plan(UPGRADE, Optional.empty(), snapshot);

    assertThat(plan.nodes()).extracting(PlannedNode::node).containsExactly("w-1", "w-2");
    PlannedNode w1 = plan.nodes().get(0);
    assertThat(w1.vms())
        .extracting(
            VmOnNode::vm,
            VmOnNode::liveMigratable,
            VmOnNode::notMigratableReason,
            VmOnNode::movesByMigration)
        .containsExactly(
            tuple("default/vm-a", false, "DisksNotLiveMigratable", false),
            tuple("default/vm-b", true, null, true));
    assertThat(w1.placements())
        .extracting(Placement::node, Placement::vm, Placement::target, Placement::reason)
        .containsExactly(
            tuple(
                "w-1",
                "default/vm-a",
                null,
                "cannot live-migrate (DisksNotLiveMigratable): the node waits until it is moved"
                    + " or stopped"),
            tuple(
                "w-1",
                "default/vm-b",
                "w-2",
                "live-migrates to a node not upgraded yet: it moves again when w-2 drains"));
    assertThat(plan.nodes().get(1).placements())
        .extracting(Placement::node, Placement::vm, Placement::target, Placement::reason)
        .containsExactly(
            tuple(
                "w-2",
                "default/vm-b",
                "w-1",
                "live-migrates to a node already upgraded: it moves once"));
    assertThat(plan.placementPlanning().available()).isTrue();
    assertThat(plan.placementPlanning().explanation())
        .contains("2 live migrations for 1 VMs (2.00 per VM)");
  }

  @Test
  void aVmThatNoNodeCanTakeBlocksItsNodeWithTheReasonOfEachCandidate() {
    NodeView full =
        new NodeView(
            "w-2",
            true,
            false,
            node("w-2", false, true, "v1.4.2").roles(),
            Fixtures.KUBEVIRT_LABELS,
            List.of(),
            "Harvester v1.4.2",
            new Resources(16_000, 1L << 29));
    ClusterSnapshot snapshot =
        snapshot(
            List.of(node("w-1", false, true, "v1.4.2"), full),
            List.of(VmView.simple("default", "vm-big", "w-1", SMALL)));

    UpgradePlan plan = plans.plan(UPGRADE, Optional.empty(), snapshot);

    PlannedNode w1 = plan.nodes().get(0);
    assertThat(w1.placements()).extracting(Placement::target).containsOnlyNulls();
    assertThat(w1.blockers()).extracting(ReasonDto::code).containsExactly("NoMigrationTarget");
    assertThat(w1.blockers().get(0).message())
        .startsWith("default/vm-big: no node can take it (w-2:")
        .contains("memory");
    assertThat(plan.placementPlanning().explanation()).contains("1 VMs have no way off");
  }

  @Test
  void aStartedUpgradePlansOnlyTheDrainsStillToCome() {
    Journal journal =
        journal(
            UpgradePhase.UPGRADING_NODES,
            List.of("w-2", "w-1"),
            succeeded("w-2", T0, Duration.ofSeconds(1)),
            NodeRecord.queued("w-1"));
    ClusterSnapshot snapshot =
        snapshot(
            List.of(node("w-1", false, true, "v1.4.2"), node("w-2", false, true, "v1.5.0")),
            List.of(
                VmView.simple("default", "vm-1", "w-1", SMALL),
                VmView.simple("default", "vm-2", "w-2", SMALL)));

    UpgradePlan plan = plans.plan(UPGRADE, Optional.of(journal), snapshot);

    assertThat(plan.nodes().get(0).placements()).isEmpty();
    assertThat(plan.nodes().get(1).placements())
        .extracting(Placement::vm, Placement::target)
        .containsExactly(tuple("default/vm-1", "w-2"));
  }

  @Test
  void aVmMigratingNowIsPlannedFromWhereItIsGoingNotMovedAgainFromWhereItWas() {
    MigrationRecord underWay =
        new MigrationRecord("default/vm-1", "mig-1", "w-1", "w-3", 1, T0, null, "", "");
    NodeRecord draining =
        NodeRecord.queued("w-1")
            .enter(NodeState.PRE_DRAIN, T0)
            .enter(NodeState.DRAIN, T0.plusSeconds(1))
            .withMigrations(list -> List.of(underWay));
    Journal journal =
        journal(
            UpgradePhase.UPGRADING_NODES,
            List.of("w-1", "w-2", "w-3"),
            draining,
            NodeRecord.queued("w-2"),
            NodeRecord.queued("w-3"));
    ClusterSnapshot snapshot =
        snapshot(
            List.of(
                node("w-1", false, true, "v1.4.2"),
                node("w-2", false, true, "v1.4.2"),
                node("w-3", false, true, "v1.4.2")),
            List.of(VmView.simple("default", "vm-1", "w-1", SMALL)));

    UpgradePlan plan = plans.plan(UPGRADE, Optional.of(journal), snapshot);

    assertThat(plan.nodes().get(0).placements())
        .extracting(Placement::vm, Placement::target, Placement::reason)
        .containsExactly(
            tuple(
                "default/vm-1",
                "w-3",
                "live-migrating now to a node not upgraded yet: it moves again when w-3 drains"));
    assertThat(plan.nodes().get(1).placements()).isEmpty();
    assertThat(plan.nodes().get(2).placements())
        .extracting(Placement::vm, Placement::reason)
        .containsExactly(
            tuple("default/vm-1", "live-migrates to a node already upgraded: it moves once"));
    assertThat(plan.placementPlanning().explanation())
        .as("the migration under way is not planned again")
        .contains("1 live migrations for 1 VMs");
  }

  @Test
  void aStartedUpgradeKeepsItsJournalOrderAndChecksGatesOnlyForNodesNotStarted() {
    Journal journal =
        journal(
            UpgradePhase.UPGRADING_NODES,
            List.of("w-2", "w-1"),
            succeeded("w-2", T0, Duration.ofSeconds(1)),
            NodeRecord.queued("w-1"));
    ClusterSnapshot snapshot =
        snapshot(
            List.of(node("w-1", false, false, "v1.4.2"), node("w-2", false, false, "v1.5.0")),
            List.of());

    UpgradePlan plan = plans.plan(UPGRADE, Optional.of(journal), snapshot);

    assertThat(plan.started()).isTrue();
    assertThat(plan.orderSource()).isEqualTo(OrderSource.JOURNAL);
    assertThat(plan.nodes())
        .extracting(PlannedNode::node, PlannedNode::state, PlannedNode::runningVersion)
        .containsExactly(
            tuple("w-2", NodeState.SUCCEEDED, "v1.5.0"), tuple("w-1", NodeState.QUEUED, "v1.4.2"));
    assertThat(plan.nodes().get(0).blockers()).isEmpty();
    assertThat(plan.nodes().get(1).blockers())
        .extracting(ReasonDto::code)
        .containsExactly("NodeNotReady");
  }

  @Test
  void aManagementNodeIsHeldBackWhenTakingItDownWouldBreakQuorum() {
    ClusterSnapshot snapshot =
        snapshot(
            List.of(
                node("m-1", true, true, "v1.4.2"),
                node("m-2", true, false, "v1.4.2"),
                node("m-3", true, true, "v1.4.2")),
            List.of());

    UpgradePlan plan = plans.plan(UPGRADE, Optional.empty(), snapshot);

    assertThat(plan.nodes())
        .extracting(PlannedNode::node, n -> n.blockers().stream().map(ReasonDto::code).toList())
        .containsExactly(
            tuple("m-1", List.of("QuorumAtRisk")),
            tuple("m-2", List.of("NodeNotReady")),
            tuple("m-3", List.of("QuorumAtRisk")));
  }

  @Test
  void aJournalNodeMissingFromTheCachesIsGone() {
    Journal journal =
        journal(UpgradePhase.UPGRADING_NODES, List.of("w-9"), NodeRecord.queued("w-9"));

    PlannedNode gone =
        plans.plan(UPGRADE, Optional.of(journal), snapshot(List.of(), List.of())).nodes().get(0);

    assertThat(gone.ready()).isFalse();
    assertThat(gone.blockers()).extracting(ReasonDto::code).containsExactly("NodeGone");
  }

  @Test
  void saysWhyTheValidatorWouldRefuseTheUpgrade() {
    ClusterSnapshot snapshot = snapshot(List.of(node("w-1", false, true, "v1.5.0")), List.of());

    UpgradePlan plan = plans.plan(UPGRADE, Optional.empty(), snapshot);

    assertThat(plan.validation().valid()).isFalse();
    assertThat(plan.validation().refusal().code()).isEqualTo("AlreadyAtVersion");
  }

  @Test
  void aPreviewHasNoNameAndValidatesTheVersionGiven() {
    ClusterSnapshot snapshot = snapshot(List.of(node("w-1", false, true, "v1.4.2")), List.of());

    UpgradePlan good = plans.preview("harvester-system", "v1.5.0", snapshot);
    UpgradePlan bad = plans.preview("harvester-system", "1.5", snapshot);

    assertThat(good.namespace()).isNull();
    assertThat(good.name()).isNull();
    assertThat(good.version()).isEqualTo("v1.5.0");
    assertThat(good.validation().valid()).isTrue();
    assertThat(good.nodes()).extracting(PlannedNode::node).containsExactly("w-1");
    assertThat(bad.validation().valid()).isFalse();
    assertThat(bad.validation().refusal().code()).isEqualTo("InvalidVersion");
  }

  private static ClusterSnapshot snapshot(List<NodeView> nodes, List<VmView> vms) {
    return ClusterSnapshot.at(T0).nodes(nodes).vms(vms).build();
  }

  private static VmView repoVm(String node) {
    return new VmView(
        "harvester-system",
        "upgrade-repo-hvst-upgrade",
        node,
        "Running",
        Map.of(VmView.COMPONENT_LABEL, "repo"),
        CpuSpec.hostModel(),
        SMALL,
        EvictionStrategy.LIVE_MIGRATE,
        true,
        "",
        Map.of(),
        List.of(),
        "upgrade-repo-hvst-upgrade",
        false);
  }

  private static VmView pinned(String namespace, String name, String node) {
    return new VmView(
        namespace,
        name,
        node,
        "Running",
        Map.of(),
        CpuSpec.hostModel(),
        SMALL,
        EvictionStrategy.LIVE_MIGRATE,
        false,
        "DisksNotLiveMigratable",
        Map.of(),
        List.of(),
        name,
        false);
  }
}
