package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.CpuSpec;
import io.hvst.statemachine.cluster.EvictionBlock;
import io.hvst.statemachine.cluster.EvictionStrategy;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.VirtualMachineView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.UpgradeAction.Cordon;
import io.hvst.statemachine.decide.UpgradeAction.EvictPod;
import io.hvst.statemachine.decide.UpgradeAction.MigrateVm;
import io.hvst.statemachine.decide.UpgradeAction.SetQuota;
import io.hvst.statemachine.decide.UpgradeAction.StartVm;
import io.hvst.statemachine.decide.UpgradeAction.StopVm;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.policy.DrainPolicy;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drain's decisions, pass by pass, on a hand-driven cluster of three KubeVirt nodes. */
class VmAwareDrainTest {

  private static final long GIB = 1L << 30;
  private final UpgradeRequest upgrade = World.upgrade("v1.5.0");
  private World world =
      new World()
          .with(
              Nodes.management("m-1").kubevirt(),
              Nodes.management("m-2").kubevirt(),
              Nodes.worker("w-1").kubevirt());
  private UpgradeDecider decider = Deciders.standard(World.policy());
  private Journal journal;

  @Test
  void refusesToCordonANodeWhoseHostPassthroughVmHasNoNodeWithItsCpuFeatures() {
    world =
        new World()
            .with(
                Nodes.management("m-1").kubevirt("Skylake-Server", "avx512f", "pcid"),
                Nodes.worker("w-1").kubevirt("Skylake-Server"),
                Nodes.worker("w-2").kubevirt("Skylake-Server", "pcid"));
    world.vm(
        vm(
            "harvester-system",
            "upgrade-repo-hvst-upgrade",
            "m-1",
            new CpuSpec(CpuSpec.HOST_PASSTHROUGH, List.of()),
            Map.of("harvesterhci.io/upgradeComponent", "repo")));
    List<UpgradeAction> actions = start();
    NodeRecord m1 = journal.node("m-1").orElseThrow();
    assertThat(m1.state()).isEqualTo(NodeState.FAILED);
    assertThat(m1.failure().reason()).isEqualTo(Reason.NO_MIGRATION_TARGET);
    assertThat(m1.failure().message()).contains("upgrade-repo-hvst-upgrade").contains("avx512f");
    assertThat(m1.cordonedByUs()).isFalse();
    assertThat(actions).noneMatch(Cordon.class::isInstance);
  }

  @Test
  void migratesTheRepoVmBeforeDrainingAndPrefersAnUpgradedNode() {
    world.vm(
        vm(
            "harvester-system",
            "upgrade-repo-hvst-upgrade",
            "m-1",
            new CpuSpec(CpuSpec.HOST_PASSTHROUGH, List.of()),
            Map.of("harvesterhci.io/upgradeComponent", "repo")));
    start();
    assertThat(journal.upgrade().order()).containsExactly("m-2", "m-1", "w-1");
    upgradeWithoutVms("m-2");
    world.node("m-1", World.schedulable(true));
    List<UpgradeAction> actions = decide();
    MigrateVm migrate = only(actions, MigrateVm.class);
    assertThat(migrate.vmi()).isEqualTo("upgrade-repo-hvst-upgrade");
    assertThat(migrate.target()).isEqualTo("m-2");
    assertThat(state("m-1")).isEqualTo(NodeState.REPO_VM_MIGRATION);
    assertThat(actions).noneMatch(StopVm.class::isInstance);

    world.migration(
        new MigrationView(
            "harvester-system",
            migrate.migration(),
            migrate.vmi(),
            "Succeeded",
            "m-1",
            "m-2",
            "",
            Map.of()));
    world.moveVm("harvester-system/upgrade-repo-hvst-upgrade", "m-2");
    decide();
    assertThat(state("m-1")).isEqualTo(NodeState.UPGRADE);
    assertThat(journal.node("m-1").orElseThrow().migrations())
        .singleElement()
        .satisfies(m -> assertThat(m.result()).isEqualTo("Succeeded"));
  }

  @Test
  void raisesAFullQuotaByExactlyTheTargetPodAndRestoresOnlyThatDelta() {
    world.vm(VmView.simple("tenant", "db", "m-1", new Resources(500, 2 * GIB)));
    world.quota(quota(Map.of("requests.memory", 4 * GIB), Map.of("requests.memory", 3 * GIB)));
    start();
    world.node("m-1", World.schedulable(true));
    SetQuota raise = only(decide(), SetQuota.class);
    long pod = 2 * GIB + (256L << 20);
    assertThat(raise.expected()).containsEntry("requests.memory", 4 * GIB);
    assertThat(raise.hard()).containsEntry("requests.memory", 4 * GIB + pod);
    assertThat(journal.node("m-1").orElseThrow().quotaChanges())
        .singleElement()
        .satisfies(c -> assertThat(c.state()).isEqualTo(QuotaChange.State.RAISING));

    world.quota(
        new QuotaView(
            "tenant",
            "compute",
            Map.of("requests.memory", 4 * GIB + pod),
            Map.of("requests.memory", 3 * GIB),
            Map.of(),
            "2",
            Map.of("requests.memory", 4 * GIB)));
    assertThat(decide())
        .as("spec raised, admission not yet: no migration")
        .noneMatch(MigrateVm.class::isInstance);
    world.quota(
        quota(Map.of("requests.memory", 4 * GIB + pod), Map.of("requests.memory", 3 * GIB)));
    MigrateVm migrate = only(decide(), MigrateVm.class);

    world.migration(
        new MigrationView(
            "tenant",
            migrate.migration(),
            "db",
            "Succeeded",
            "m-1",
            migrate.target(),
            "",
            Map.of()));
    world.moveVm("tenant/db", migrate.target());
    world.quota(
        quota(Map.of("requests.memory", 4 * GIB + pod + GIB), Map.of("requests.memory", 3 * GIB)));
    SetQuota restore = only(decide(), SetQuota.class);
    assertThat(restore.hard())
        .as("only our delta is taken back")
        .containsEntry("requests.memory", 4 * GIB + GIB);
  }

  @Test
  void countsTheTargetPodsOfMigrationsJustStartedAgainstTheQuotasRoom() {
    world.vm(VmView.simple("tenant", "a", "m-1", new Resources(500, 2 * GIB)));
    world.vm(VmView.simple("tenant", "b", "m-1", new Resources(500, 2 * GIB)));
    long pod = 2 * GIB + (256L << 20);
    // Room for one target pod, not for two.
    world.quota(
        quota(Map.of("requests.memory", 4 * GIB + pod), Map.of("requests.memory", 4 * GIB)));
    start();
    world.node("m-1", World.schedulable(true));
    List<UpgradeAction> actions = decide();
    assertThat(actions.stream().filter(MigrateVm.class::isInstance).count())
        .as("one migration fits the room")
        .isEqualTo(1);
    assertThat(only(actions, SetQuota.class).hard())
        .as("the second one gets a raise of its own")
        .containsEntry("requests.memory", 4 * GIB + 2 * pod);
  }

  @Test
  void seesNoRoomInAQuotaWhoseRestoreAdmissionDoesNotEnforceYet() {
    world.vm(VmView.simple("tenant", "db", "m-1", new Resources(500, 2 * GIB)));
    long pod = 2 * GIB + (256L << 20);
    world.quota(
        new QuotaView(
            "tenant",
            "compute",
            Map.of("requests.memory", 4 * GIB),
            Map.of("requests.memory", 4 * GIB),
            Map.of(),
            "7",
            Map.of("requests.memory", 4 * GIB + pod)));
    start();
    world.node("m-1", World.schedulable(true));
    List<UpgradeAction> actions = decide();
    assertThat(actions).noneMatch(MigrateVm.class::isInstance);
    assertThat(only(actions, SetQuota.class).hard())
        .containsEntry("requests.memory", 4 * GIB + pod);
  }

  @Test
  void takesNothingBackWhenSomeoneElseMadeRoomBeforeOurRaiseLanded() {
    world.vm(VmView.simple("tenant", "db", "m-1", new Resources(500, 2 * GIB)));
    world.quota(quota(Map.of("requests.memory", 4 * GIB), Map.of("requests.memory", 3 * GIB)));
    start();
    world.node("m-1", World.schedulable(true));
    only(decide(), SetQuota.class);
    world.quota(quota(Map.of("requests.memory", 10 * GIB), Map.of("requests.memory", 3 * GIB)));
    MigrateVm migrate = only(decide(), MigrateVm.class);
    assertThat(journal.node("m-1").orElseThrow().quotaChanges())
        .singleElement()
        .satisfies(c -> assertThat(c.state()).isEqualTo(QuotaChange.State.RESTORED));
    world.migration(
        new MigrationView(
            "tenant",
            migrate.migration(),
            "db",
            "Succeeded",
            "m-1",
            migrate.target(),
            "",
            Map.of()));
    world.moveVm("tenant/db", migrate.target());
    assertThat(decide()).noneMatch(SetQuota.class::isInstance);
  }

  @Test
  void backsOffAPodWhoseEvictionWasRefusedAndWakesWhenTheBackoffEnds() {
    world.pod(pod("web-1", "m-1", "ReplicaSet"));
    world.pod(pod("virt-handler-x", "m-1", "DaemonSet"));
    start();
    world.node("m-1", World.schedulable(true));
    assertThat(only(decide(), EvictPod.class).pod()).isEqualTo("web-1");
    world.block(
        new EvictionBlock(
            "default/web-1",
            world.now().plusSeconds(5),
            "Cannot evict pod as it would violate the pod's disruption budget."));
    Decision blocked = decider.decide(upgrade, journal, world.snapshot());
    assertThat(blocked.actions()).noneMatch(EvictPod.class::isInstance);
    assertThat(waitOf(blocked.actions(), "m-1").reason()).isEqualTo(Reason.EVICTION_BLOCKED_BY_PDB);
    assertThat(blocked.wakeAt()).contains(world.now().plusSeconds(5));
  }

  @Test
  void failsTheDrainAfterItsTimeoutNamingThePodAPdbProtects() {
    world.pod(pod("web-1", "m-1", "ReplicaSet"));
    start();
    world.node("m-1", World.schedulable(true));
    decide();
    world
        .advance(Duration.ofMinutes(11))
        .block(new EvictionBlock("default/web-1", world.now().plusSeconds(5), "violates PDB web"));
    decide();
    NodeRecord m1 = journal.node("m-1").orElseThrow();
    assertThat(m1.failure().reason()).isEqualTo(Reason.DRAIN_TIMEOUT);
    assertThat(m1.failure().message()).contains("default/web-1").contains("violates PDB web");
  }

  @Test
  void waitsBeforeCordoningWhileANonMigratableVmBlocksUnderTheBlockPolicy() {
    world.vm(nonMigratable("gpu-vm", "m-1"));
    List<UpgradeAction> actions = start();
    assertThat(actions).noneMatch(Cordon.class::isInstance);
    assertThat(waitOf(actions, "m-1").reason()).isEqualTo(Reason.NON_MIGRATABLE_VMS);
    assertThat(waitOf(actions, "m-1").detail())
        .contains("default/gpu-vm")
        .contains("HostDeviceNotLiveMigratable");
  }

  @Test
  void stopsANonMigratableVmRecordingItFirstAndStartsItWhenTheNodeIsBack() {
    decider = Deciders.standard(policyWith(DrainPolicy.NonMigratablePolicy.STOP));
    world
        .vm(nonMigratable("gpu-vm", "m-1"))
        .virtualMachine(new VirtualMachineView("default", "gpu-vm", "Always"));
    start();
    world.node("m-1", World.schedulable(true));
    StopVm stop = only(decide(), StopVm.class);
    assertThat(stop.vm()).isEqualTo("gpu-vm");
    assertThat(journal.node("m-1").orElseThrow().stoppedVms())
        .singleElement()
        .satisfies(s -> assertThat(s.runStrategy()).isEqualTo("Always"));

    world
        .virtualMachine(new VirtualMachineView("default", "gpu-vm", "Halted"))
        .moveVm("default/gpu-vm", null);
    UpgradeAction.CreateJob job = only(decide(), UpgradeAction.CreateJob.class);
    world
        .job(job.job().name(), io.hvst.statemachine.cluster.JobView.Phase.SUCCEEDED)
        .node("m-1", World.os("Harvester v1.5.0"));
    List<UpgradeAction> back = decide();
    assertThat(back)
        .as("the node is uncordoned before its VM starts")
        .noneMatch(StartVm.class::isInstance);
    assertThat(back).contains(new UpgradeAction.Uncordon("m-1"));
    world.node("m-1", World.schedulable(false));
    StartVm startVm = only(decide(), StartVm.class);
    assertThat(startVm.runStrategy()).isEqualTo("Always");
    assertThat(state("m-1")).isEqualTo(NodeState.RESTORE_SCHEDULING);

    world
        .virtualMachine(new VirtualMachineView("default", "gpu-vm", "Always"))
        .vm(nonMigratable("gpu-vm", "m-1"));
    decide();
    assertThat(state("m-1")).isEqualTo(NodeState.SUCCEEDED);
    assertThat(journal.node("m-1").orElseThrow().stoppedVms())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.state())
                    .isEqualTo(io.hvst.statemachine.journal.StoppedVm.State.STARTED));
  }

  @Test
  void startsAtMostTwoMigrationsFromOneNode() {
    for (int i = 1; i <= 4; i++) {
      world.vm(VmView.simple("default", "vm-" + i, "m-1", new Resources(500, GIB)));
    }
    start();
    world.node("m-1", World.schedulable(true));
    List<UpgradeAction> actions = decide();
    assertThat(actions.stream().filter(MigrateVm.class::isInstance).count()).isEqualTo(2);
    assertThat(actions)
        .anyMatch(a -> a instanceof Wait w && w.detail().contains("wait for a migration slot"));
  }

  private UpgradePolicy policyWith(DrainPolicy.NonMigratablePolicy nonMigratable) {
    UpgradePolicy p = World.policy();
    return new UpgradePolicy(
        p.maxUnavailable(),
        p.osImageTemplate(),
        p.versionLabel(),
        p.upgradeJob(),
        p.timeouts(),
        World.drain(nonMigratable),
        p.scheduling());
  }

  private void upgradeWithoutVms(String node) {
    world.node(node, World.schedulable(true));
    UpgradeAction.CreateJob job = only(decide(), UpgradeAction.CreateJob.class);
    world
        .job(job.job().name(), io.hvst.statemachine.cluster.JobView.Phase.SUCCEEDED)
        .node(node, World.os("Harvester v1.5.0"));
    decide();
    world.node(node, World.schedulable(false));
    decide();
    assertThat(state(node)).isEqualTo(NodeState.SUCCEEDED);
  }

  private static VmView vm(
      String ns, String name, String node, CpuSpec cpu, Map<String, String> labels) {
    return new VmView(
        ns,
        name,
        node,
        "Running",
        labels,
        cpu,
        new Resources(500, 4 * GIB),
        EvictionStrategy.LIVE_MIGRATE,
        true,
        "",
        Map.of(),
        List.of(),
        name,
        false);
  }

  private static VmView nonMigratable(String name, String node) {
    return new VmView(
        "default",
        name,
        node,
        "Running",
        Map.of(),
        CpuSpec.hostModel(),
        new Resources(500, GIB),
        EvictionStrategy.LIVE_MIGRATE,
        false,
        "HostDeviceNotLiveMigratable",
        Map.of(),
        List.of(),
        name,
        false);
  }

  private static PodView pod(String name, String node, String owner) {
    return new PodView(
        "default",
        name,
        node,
        "Running",
        Map.of("app", name),
        owner,
        false,
        "",
        new Resources(100, 1L << 28),
        false);
  }

  private static QuotaView quota(Map<String, Long> hard, Map<String, Long> used) {
    return new QuotaView("tenant", "compute", hard, used, Map.of(), "1");
  }

  private List<UpgradeAction> start() {
    Decision d = decider.start(upgrade, world.snapshot());
    journal = d.journal().orElseThrow();
    return d.actions();
  }

  private List<UpgradeAction> decide() {
    Decision d = decider.decide(upgrade, journal, world.snapshot());
    journal = d.journal().orElseThrow();
    return d.actions();
  }

  private NodeState state(String node) {
    return journal.node(node).orElseThrow().state();
  }

  private static <A extends UpgradeAction> A only(List<UpgradeAction> actions, Class<A> type) {
    List<A> found = actions.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("%s in %s", type.getSimpleName(), actions).hasSize(1);
    return found.get(0);
  }

  private static Wait waitOf(List<UpgradeAction> actions, String node) {
    return actions.stream()
        .filter(Wait.class::isInstance)
        .map(Wait.class::cast)
        .filter(w -> w.node().equals(node))
        .findFirst()
        .orElseThrow();
  }
}
