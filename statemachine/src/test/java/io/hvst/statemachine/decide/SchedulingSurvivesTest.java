package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.UpgradeAction.Cordon;
import io.hvst.statemachine.decide.UpgradeAction.CreateJob;
import io.hvst.statemachine.decide.UpgradeAction.EvictPod;
import io.hvst.statemachine.decide.UpgradeAction.PatchScheduling;
import io.hvst.statemachine.decide.UpgradeAction.Uncordon;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.policy.SchedulingGuard;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Scheduling state across the upgrade: saved, restored, guarded against drift and reverts. */
class SchedulingSurvivesTest {

  private final UpgradeRequest upgrade = World.upgrade("v1.5.0");
  private final SchedulingGuard guard =
      new SchedulingGuard(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), Duration.ofMinutes(3));
  private UpgradeDecider decider = Deciders.standard(policy(guard));
  private final World world =
      new World()
          .with(
              Nodes.management("m-1")
                  .kubevirt()
                  .label("kubevirt.io/schedulable", "false")
                  .label("example.com/rack", "r1")
                  .taint("management", "reserved", "NoSchedule")
                  .taint("node.kubernetes.io/unreachable", "", "NoExecute"),
              Nodes.worker("w-1").kubevirt());
  private Journal journal;

  @Test
  void savesSchedulingLabelsAndPeoplesTaintsButNotSystemTaints() {
    start();
    var saved = journal.node("m-1").orElseThrow().scheduling();
    assertThat(saved.labels())
        .containsEntry("kubevirt.io/schedulable", "false")
        .doesNotContainKey("example.com/rack");
    assertThat(saved.taints()).containsExactly(new Taint("management", "reserved", "NoSchedule"));
  }

  @Test
  void putsBackWhatTheOsReinstallResetAndUncordonsOnlyAfterThat() {
    start();
    cordonSticks("m-1");
    finishJob("m-1");
    world.node("m-1", SchedulingSurvivesTest::osReset);
    List<UpgradeAction> actions = decide();
    PatchScheduling patch = only(actions, PatchScheduling.class);
    assertThat(patch.setLabels()).containsEntry("kubevirt.io/schedulable", "false");
    assertThat(patch.addTaints())
        .containsExactly(new Taint("management", "reserved", "NoSchedule"));
    assertThat(actions).noneMatch(Uncordon.class::isInstance);

    world.node("m-1", SchedulingSurvivesTest::restored);
    assertThat(decide()).contains(new Uncordon("m-1"));
    world.node("m-1", World.schedulable(false));
    decide();
    NodeRecord m1 = journal.node("m-1").orElseThrow();
    assertThat(m1.state()).isEqualTo(NodeState.SUCCEEDED);
    assertThat(m1.reapplied()).isEqualTo(2);
    assertThat(m1.settleUntil()).isEqualTo(world.now().plus(Duration.ofMinutes(3)));
  }

  @Test
  void putsBackADriftedLabelDuringTheSettlePeriodCountingItAndNamingTheCulprit() {
    upgradeM1();
    world.node("m-1", label("kubevirt.io/schedulable", "true"));
    List<UpgradeAction> actions = decide();
    assertThat(only(actions, PatchScheduling.class).setLabels())
        .containsEntry("kubevirt.io/schedulable", "false");
    Wait drift =
        actions.stream()
            .filter(Wait.class::isInstance)
            .map(Wait.class::cast)
            .filter(w -> w.node().equals("m-1"))
            .findFirst()
            .orElseThrow();
    assertThat(drift.reason()).isEqualTo(Reason.SCHEDULING_DRIFT);
    assertThat(drift.detail()).contains("virt-handler").contains("taint");
    assertThat(journal.node("m-1").orElseThrow().driftCount()).isEqualTo(1);

    world.node("m-1", label("kubevirt.io/schedulable", "false")).advance(Duration.ofMinutes(4));
    assertThat(decide()).noneMatch(PatchScheduling.class::isInstance);
  }

  @Test
  void keepsACordonAPersonMadeBeforeTheUpgrade() {
    world.node("m-1", World.schedulable(true));
    start();
    assertThat(journal.node("m-1").orElseThrow().cordonedByUs()).isFalse();
    finishJob("m-1");
    world.node("m-1", SchedulingSurvivesTest::restored);
    List<UpgradeAction> actions = decide();
    assertThat(actions).noneMatch(Uncordon.class::isInstance);
    assertThat(journal.node("m-1").orElseThrow().state()).isEqualTo(NodeState.SUCCEEDED);
  }

  @Test
  void cordonsAgainAfterARevertAndProceedsOnceTheCordonSticks() {
    landAll(start());
    decide();
    world.node("m-1", World.schedulable(false));
    List<UpgradeAction> reverted = decide();
    assertThat(reverted).noneMatch(Cordon.class::isInstance);
    assertThat(journal.node("m-1").orElseThrow().cordon().reverts()).isEqualTo(1);
    world.advance(Duration.ofSeconds(1));
    List<UpgradeAction> again = decide();
    assertThat(again).anyMatch(a -> a instanceof Cordon c && c.mark().endsWith("/2"));
    landAll(again);
    decide();
    assertThat(journal.node("m-1").orElseThrow().state()).isEqualTo(NodeState.PRE_DRAIN);
    world.advance(Duration.ofSeconds(2));
    decide();
    assertThat(journal.node("m-1").orElseThrow().state()).isEqualTo(NodeState.UPGRADE);
  }

  @Test
  void sendsACordonThatNeverLandedAgainWithoutCallingItARevert() {
    start();
    for (int i = 0; i < 5; i++) {
      assertThat(decide())
          .as("pass %s", i)
          .anyMatch(a -> a instanceof Cordon c && c.mark().endsWith("/1"));
    }
    assertThat(journal.node("m-1").orElseThrow().cordon().reverts()).isZero();
    assertThat(journal.node("m-1").orElseThrow().state()).isEqualTo(NodeState.PRE_DRAIN);
  }

  @Test
  void failsTheNodeWhenItsCordonKeepsBeingRevertedBeforeAnyPodIsEvicted() {
    world.pod(
        new io.hvst.statemachine.cluster.PodView(
            "default", "web", "m-1", "Running", Map.of(), "ReplicaSet", false, "", null, false));
    List<UpgradeAction> all = new java.util.ArrayList<>(start());
    for (int i = 0; i < 6 && journal.node("m-1").orElseThrow().state() != NodeState.FAILED; i++) {
      landAll(all);
      world.node("m-1", World.schedulable(false));
      all.addAll(decide());
      world.advance(Duration.ofSeconds(10));
      all.addAll(decide());
    }
    NodeRecord m1 = journal.node("m-1").orElseThrow();
    assertThat(m1.state()).isEqualTo(NodeState.FAILED);
    assertThat(m1.failure().reason()).isEqualTo(Reason.CORDON_REVERTED);
    assertThat(m1.failure().message()).contains("vcluster").contains("No pod was evicted");
    assertThat(all).noneMatch(EvictPod.class::isInstance);
  }

  /** Lets every cordon among {@code actions} land, as the API server would. */
  private void landAll(List<UpgradeAction> actions) {
    actions.stream().filter(Cordon.class::isInstance).map(Cordon.class::cast).forEach(world::apply);
  }

  @Test
  void appliesTheDeclaredPolicyAndReportsAMalformedEntryWithoutStopping() {
    SchedulingPolicy policy =
        new SchedulingPolicy(
            List.of("example.com/*"),
            List.of(
                new SchedulingPolicy.Rule(
                    "management",
                    Map.of("node-role.kubernetes.io/control-plane", "true"),
                    Map.of(),
                    List.of("nonemgmt"),
                    List.of(new Taint("management", "reserved", "NoSchedule")))),
            List.of("rule #2 (\"broken\"): has no nodeSelector; the rule is ignored"));
    world.node("m-1", label("nonemgmt", "yes"));
    Decision first = decider.start(upgrade, snapshotWith(policy));
    journal = first.journal().orElseThrow();
    assertThat(journal.node("m-1").orElseThrow().scheduling().labels())
        .containsEntry("example.com/rack", "r1");
    assertThat(first.waits())
        .anyMatch(
            w -> w.reason() == Reason.SCHEDULING_POLICY_INVALID && w.detail().contains("rule #2"));
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.UPGRADING_NODES);
  }

  private io.hvst.statemachine.cluster.ClusterSnapshot snapshotWith(SchedulingPolicy policy) {
    var s = world.snapshot();
    return new io.hvst.statemachine.cluster.ClusterSnapshot(
        s.observedAt(),
        s.nodes(),
        s.vms(),
        s.jobs(),
        s.pods(),
        s.migrations(),
        s.quotas(),
        s.virtualMachines(),
        s.evictionBlocks(),
        policy);
  }

  private void upgradeM1() {
    start();
    cordonSticks("m-1");
    finishJob("m-1");
    world.node("m-1", SchedulingSurvivesTest::restored);
    decide();
    world.node("m-1", World.schedulable(false));
    decide();
    assertThat(journal.node("m-1").orElseThrow().state()).isEqualTo(NodeState.SUCCEEDED);
  }

  private void cordonSticks(String node) {
    world.node(node, World.schedulable(true));
    decide();
    world.advance(Duration.ofSeconds(2));
  }

  private void finishJob(String node) {
    CreateJob job = only(decide(), CreateJob.class);
    world.job(job.job().name(), JobView.Phase.SUCCEEDED).node(node, World.os("Harvester v1.5.0"));
  }

  /** As after a fresh OS install: user labels and taints gone, schedulable reset to true. */
  private static NodeView osReset(NodeView n) {
    Map<String, String> labels = new java.util.HashMap<>(n.labels());
    labels.put("kubevirt.io/schedulable", "true");
    return new NodeView(
        n.name(),
        n.ready(),
        n.unschedulable(),
        n.roles(),
        labels,
        List.of(),
        n.osImage(),
        n.allocatable());
  }

  private static NodeView restored(NodeView n) {
    Map<String, String> labels = new java.util.HashMap<>(n.labels());
    labels.put("kubevirt.io/schedulable", "false");
    return new NodeView(
        n.name(),
        n.ready(),
        n.unschedulable(),
        n.roles(),
        labels,
        List.of(new Taint("management", "reserved", "NoSchedule")),
        n.osImage(),
        n.allocatable());
  }

  private static UnaryOperator<NodeView> label(String key, String value) {
    return n -> {
      Map<String, String> labels = new java.util.HashMap<>(n.labels());
      labels.put(key, value);
      return new NodeView(
          n.name(),
          n.ready(),
          n.unschedulable(),
          n.roles(),
          labels,
          n.taints(),
          n.osImage(),
          n.allocatable());
    };
  }

  private static UpgradePolicy policy(SchedulingGuard guard) {
    UpgradePolicy p = World.policy();
    return new UpgradePolicy(
        p.maxUnavailable(),
        p.osImageTemplate(),
        p.versionLabel(),
        p.upgradeJob(),
        p.timeouts(),
        p.drain(),
        guard);
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

  private static <A extends UpgradeAction> A only(List<UpgradeAction> actions, Class<A> type) {
    List<A> found = actions.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("%s in %s", type.getSimpleName(), actions).hasSize(1);
    return found.get(0);
  }
}
