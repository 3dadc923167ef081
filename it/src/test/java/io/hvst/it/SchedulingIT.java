package io.hvst.it;

import static io.hvst.simulator.scenario.SchedulingScenarios.MALFORMED_ENTRY;
import static io.hvst.simulator.scenario.SchedulingScenarios.MANAGEMENT_NODE;
import static io.hvst.simulator.scenario.SchedulingScenarios.PERSON_CORDONED;
import static io.hvst.simulator.scenario.SchedulingScenarios.POOL_LABEL;
import static io.hvst.simulator.scenario.SchedulingScenarios.REVERTS;
import static io.hvst.simulator.scenario.SchedulingScenarios.SCHEDULABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.kube.ChangeHandlers;
import io.hvst.simulator.observe.ClusterHistory;
import io.hvst.simulator.observe.ClusterHistory.Interval;
import io.hvst.simulator.observe.ClusterHistory.NodeSample;
import io.hvst.simulator.scenario.ScenarioSetup;
import io.hvst.simulator.scenario.SchedulingScenarios;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scheduling state that must survive the upgrade (labels, taints, a person's cordon) and cordons
 * that do not stick, each started from the scenario catalog the sandbox uses.
 */
class SchedulingIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final String TARGET = "v1.5.0";
  private static final String TARGET_OS = "Harvester " + TARGET;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Taint MANAGEMENT_TAINT = new Taint("management", "reserved", "NoSchedule");

  @Test
  void labelsAndTaintResetByTheOsUpgradeArePutBackAndStayAfterSettling() {
    ScenarioSetup setup = SchedulingScenarios.labelsReset();
    ClusterSpec spec = setup.spec(3, 1, 7);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      Map<String, Node> before = nodes(session);
      assertThat(before.get(MANAGEMENT_NODE).getMetadata().getLabels())
          .containsEntry(SCHEDULABLE, "false")
          .containsEntry(POOL_LABEL, "management");
      assertThat(taints(before.get(MANAGEMENT_NODE))).contains(MANAGEMENT_TAINT.toString());

      Upgrade done = upgrade(session, setup, spec);
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");

      Journal journal = session.journal(UPGRADE).orElseThrow();
      NodeRecord mgmt = journal.node(MANAGEMENT_NODE).orElseThrow();
      assertThat(mgmt.state()).isEqualTo(NodeState.SUCCEEDED);
      assertThat(mgmt.scheduling().labels())
          .containsEntry(SCHEDULABLE, "false")
          .containsEntry(POOL_LABEL, "management");
      assertThat(mgmt.scheduling().taints()).contains(MANAGEMENT_TAINT);
      // The OS reinstall did reset them (so they had to be put back), and nothing reverted them.
      assertThat(session.cluster().os().reboots(MANAGEMENT_NODE)).isEqualTo(1);
      assertThat(mgmt.reapplied()).as("labels and taints put back").isGreaterThanOrEqualTo(3);
      assertThat(mgmt.driftCount()).isZero();

      // The upgrade finishes only once every node's settle period is over: what the nodes show
      // now is what stays.
      assertThat(mgmt.settleUntil()).isNotNull();
      assertThat(Instant.now()).isAfterOrEqualTo(mgmt.settleUntil());
      Map<String, Node> after = nodes(session);
      Node node1 = after.get(MANAGEMENT_NODE);
      assertThat(node1.getStatus().getNodeInfo().getOsImage()).isEqualTo(TARGET_OS);
      assertThat(node1.getMetadata().getLabels())
          .containsEntry(SCHEDULABLE, "false")
          .containsEntry(POOL_LABEL, "management");
      assertThat(taints(node1)).contains(MANAGEMENT_TAINT.toString());

      assertNoNodeLostSchedulingState(before, after);
      assertThat(after.values()).noneMatch(SchedulingIT::cordoned);
    }
  }

  @Test
  void virtHandlerRevertingTheDeclaredSchedulableLabelIsPutBackCountedAndNamed() {
    ScenarioSetup setup = SchedulingScenarios.schedulableDrift();
    ClusterSpec spec = setup.spec(3, 1, 7);
    assertThat(spec.virtHandlerHeartbeat()).as("virt-handler's heartbeat runs").isTrue();
    try (UpgradeSession session = setup.start(spec, null, Map.of());
        LabelWatch label = LabelWatch.start(session.cluster().client(), MANAGEMENT_NODE)) {
      Upgrade done = upgrade(session, setup, spec);
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");

      Journal journal = session.journal(UPGRADE).orElseThrow();
      NodeRecord mgmt = journal.node(MANAGEMENT_NODE).orElseThrow();
      assertThat(mgmt.driftCount()).as("drift counted on %s", MANAGEMENT_NODE).isPositive();
      assertThat(mgmt.drift())
          .isNotEmpty()
          .allSatisfy(
              d -> {
                assertThat(d.key()).isEqualTo(SCHEDULABLE);
                assertThat(d.expected()).isEqualTo("false");
                assertThat(d.found()).isEqualTo("true");
                assertThat(d.culprit()).contains("virt-handler");
              });
      for (NodeRecord other : journal.nodeRecords()) {
        if (!other.name().equals(MANAGEMENT_NODE)) {
          assertThat(other.driftCount()).as("drift on %s", other.name()).isZero();
        }
      }
      int totalDrift = journal.nodeRecords().stream().mapToInt(NodeRecord::driftCount).sum();

      // The rule's label was applied after the upgrade, reverted by virt-handler, and put back.
      List<String> afterUpgrade = label.valuesOn(TARGET_OS);
      assertThat(afterUpgrade.stream().filter("false"::equals).count())
          .as("schedulable=false set after the upgrade, then again after a drift: %s", afterUpgrade)
          .isGreaterThanOrEqualTo(2);
      assertThat(session.cluster().virtHandler().patches(MANAGEMENT_NODE))
          .as("virt-handler re-labelled the node schedulable after each put-back")
          .isGreaterThanOrEqualTo(mgmt.driftCount());
      // Nothing reverts the rule's taint.
      assertThat(taints(nodes(session).get(MANAGEMENT_NODE))).contains(MANAGEMENT_TAINT.toString());

      NodeUpgradeStatus status = done.getStatus().getNodeStatuses().get(MANAGEMENT_NODE);
      assertThat(status.getState()).isEqualTo("Succeeded");
      assertThat(status.getReason()).isEqualTo(Reason.SCHEDULING_DRIFT.code());
      assertThat(status.getMessage()).contains(SCHEDULABLE).contains("virt-handler");

      double counted =
          session
              .controller()
              .getBean(MeterRegistry.class)
              .get("hvst.upgrade.scheduling.drift")
              .counter()
              .count();
      assertThat(counted).as("hvst_upgrade_scheduling_drift_total").isEqualTo(totalDrift);
    }
  }

  @Test
  void nodeCordonedByAPersonStaysCordonedAndTheOthersAreUncordoned() {
    ScenarioSetup setup = SchedulingScenarios.personCordoned();
    ClusterSpec spec = setup.spec(3, 1, 7);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      assertThat(cordoned(nodes(session).get(PERSON_CORDONED))).isTrue();

      Upgrade done = upgrade(session, setup, spec);
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");

      Journal journal = session.journal(UPGRADE).orElseThrow();
      ClusterHistory history = session.cluster().history();
      Map<String, Node> after = nodes(session);
      for (NodeRecord rec : journal.nodeRecords()) {
        String name = rec.name();
        assertThat(rec.state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(after.get(name).getStatus().getNodeInfo().getOsImage()).isEqualTo(TARGET_OS);
        List<Interval> cordons = history.cordoned(name);
        if (name.equals(PERSON_CORDONED)) {
          assertThat(rec.scheduling().unschedulable()).isTrue();
          assertThat(rec.cordonedByUs()).isFalse();
          assertThat(cordoned(after.get(name))).as("%s still cordoned", name).isTrue();
          assertThat(cordons)
              .as("%s cordoned all along, never lifted even briefly", name)
              .hasSize(1)
              .allMatch(i -> i.to() == null);
        } else {
          assertThat(rec.cordonedByUs()).isTrue();
          assertThat(cordoned(after.get(name))).as("%s uncordoned", name).isFalse();
          assertThat(cordons).as("cordons of %s", name).hasSize(1).allMatch(i -> i.to() != null);
        }
      }
    }
  }

  @Test
  void cordonRevertedTwicePerNodeIsRenewedUntilItSticksAndTheUpgradeSucceeds() {
    ScenarioSetup setup = SchedulingScenarios.cordonRevert();
    ClusterSpec spec = setup.spec(3, 1, 7);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      Upgrade done = upgrade(session, setup, spec);
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");

      Journal journal = session.journal(UPGRADE).orElseThrow();
      ClusterHistory history = session.cluster().history();
      for (NodeRecord rec : journal.nodeRecords()) {
        String name = rec.name();
        assertThat(rec.state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(session.cluster().nodeSyncer().reverts(name))
            .as("syncer reverts on %s", name)
            .isEqualTo(REVERTS);
        assertThat(rec.cordonWatch().orElseThrow().reverts())
            .as("reverts the controller saw on %s", name)
            .isEqualTo(REVERTS);
        // Cordoned, reverted, cordoned again, ... and the last cordon held through the reboot.
        List<Interval> cordons = history.cordoned(name);
        assertThat(cordons).as("cordons of %s", name).hasSize(REVERTS + 1);
        Interval held = cordons.get(REVERTS);
        assertThat(held.to()).as("%s uncordoned at the end", name).isNotNull();
        List<NodeSample> downs =
            history.samples().stream().filter(s -> s.node().equals(name) && !s.ready()).toList();
        assertThat(downs).as("%s rebooted once", name).hasSize(1);
        assertThat(downs.get(0).at()).isBetween(held.from(), held.to());
      }
      assertThat(nodes(session).values()).noneMatch(SchedulingIT::cordoned);
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void cordonAlwaysRevertedFailsTheNodeBeforeAnyPodIsEvictedOrVmMigrated() {
    ScenarioSetup setup = SchedulingScenarios.cordonAlwaysReverted();
    ClusterSpec spec = setup.spec(3, 1, 7);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      Map<String, String> podsBefore = pods(session);
      assertThat(podsBefore).isNotEmpty();

      String repoNode = setup.repoVmNode(spec);
      session.createUpgrade(UPGRADE, TARGET, repoNode);
      Map<String, String> vmisBefore = vmiNodes(session);
      assertThat(vmisBefore).containsEntry("harvester-system/upgrade-repo-" + UPGRADE, repoNode);
      Upgrade done = session.awaitFinished(UPGRADE, TIMEOUT);
      assertThat(UpgradeSession.state(done)).isEqualTo("Failed");

      Journal journal = session.journal(UPGRADE).orElseThrow();
      String first = journal.upgrade().order().get(0);
      NodeRecord rec = journal.node(first).orElseThrow();
      assertThat(rec.state()).isEqualTo(NodeState.FAILED);
      assertThat(rec.failure().reason()).isEqualTo(Reason.CORDON_REVERTED);
      assertThat(rec.failure().step()).isEqualTo(NodeState.PRE_DRAIN);
      assertThat(rec.enteredAt(NodeState.DRAIN)).isEmpty();
      assertThat(rec.enteredAt(NodeState.REPO_VM_MIGRATION)).isEmpty();
      assertThat(session.cluster().nodeSyncer().reverts(first))
          .as("reverts before giving up")
          .isGreaterThan(1);

      NodeUpgradeStatus status = done.getStatus().getNodeStatuses().get(first);
      assertThat(status.getState()).isEqualTo("Failed");
      assertThat(status.getReason()).isEqualTo(Reason.CORDON_REVERTED.code());
      // What happened, and what to do about it.
      assertThat(status.getMessage())
          .contains("reverted")
          .contains("No pod was evicted")
          .contains("syncBackChanges")
          .contains("retry the node");
      UpgradeCondition completed = condition(done, "Completed");
      assertThat(completed.getStatus()).isEqualTo("False");
      assertThat(completed.getMessage()).contains("upgrade.hvst.io/retry=" + first);

      // Nothing was moved: every pod is the one that ran before, VMs stay where they were.
      Map<String, String> podsAfter = pods(session);
      assertThat(podsAfter).as("pods (uid -> node)").containsAllEntriesOf(podsBefore);
      assertThat(vmiNodes(session)).isEqualTo(vmisBefore);
      assertThat(
              session
                  .cluster()
                  .client()
                  .genericKubernetesResources(KubeVirt.MIGRATION)
                  .inAnyNamespace()
                  .list()
                  .getItems())
          .as("VirtualMachineInstanceMigrations")
          .isEmpty();
      assertThat(session.cluster().inventory().migrationsSucceeded()).isZero();
      assertThat(session.cluster().inventory().migrationsFailed()).isZero();
      assertThat(session.cluster().jobs().created()).as("upgrade Jobs").isEmpty();
      for (String other : journal.upgrade().order().subList(1, journal.upgrade().order().size())) {
        assertThat(session.cluster().history().cordoned(other))
            .as("%s never cordoned", other)
            .isEmpty();
      }
    }
  }

  @Test
  void malformedPolicyEntryIsNamedOnTheUpgradeAndTheOtherEntriesStillApply() {
    ScenarioSetup setup = SchedulingScenarios.policyMalformed();
    ClusterSpec spec = setup.spec(3, 1, 7);
    try (UpgradeSession session = setup.start(spec, null, Map.of());
        ConditionWatch conditions = ConditionWatch.start(session.cluster().client())) {
      Upgrade done = upgrade(session, setup, spec);
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");

      // While the upgrade ran, its Completed condition named the entry and what is wrong with it.
      assertThat(conditions.seen())
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Completed");
                assertThat(c.getReason()).isEqualTo(Reason.SCHEDULING_POLICY_INVALID.code());
                assertThat(c.getMessage())
                    .contains("hvst-scheduling-policy")
                    .contains(MALFORMED_ENTRY)
                    .contains("not a label key");
              });
      // The final condition still names it: the next upgrade will ignore it too.
      assertThat(done.getStatus().getConditions())
          .filteredOn(c -> "Completed".equals(c.getType()))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo(Reason.UPGRADE_SUCCEEDED.code());
                assertThat(c.getMessage())
                    .contains("Ignored, fix before the next upgrade")
                    .contains(MALFORMED_ENTRY);
              });
      // And a Warning Event on the Upgrade says the same, for whoever comes later.
      List<Event> events =
          session
              .cluster()
              .client()
              .v1()
              .events()
              .inNamespace(UpgradeSession.NAMESPACE)
              .list()
              .getItems();
      assertThat(events)
          .anySatisfy(
              e -> {
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Upgrade");
                assertThat(e.getInvolvedObject().getName()).isEqualTo(UPGRADE);
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo(Reason.SCHEDULING_POLICY_INVALID.code());
                assertThat(e.getMessage()).contains(MALFORMED_ENTRY);
              });

      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords()).hasSize(3).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      assertThat(done.getStatus().getNodeStatuses().values())
          .extracting(NodeUpgradeStatus::getState)
          .containsOnly("Succeeded");
      // The good entry still applies: the pool label is persisted, reset by the OS, put back.
      NodeRecord mgmt = journal.node(MANAGEMENT_NODE).orElseThrow();
      assertThat(mgmt.scheduling().labels()).containsEntry(POOL_LABEL, "management");
      assertThat(mgmt.reapplied()).isPositive();
      assertThat(nodes(session).get(MANAGEMENT_NODE).getMetadata().getLabels())
          .containsEntry(POOL_LABEL, "management");
    }
  }

  private static Upgrade upgrade(UpgradeSession session, ScenarioSetup setup, ClusterSpec spec) {
    session.createUpgrade(UPGRADE, TARGET, setup.repoVmNode(spec));
    return session.awaitFinished(UPGRADE, TIMEOUT);
  }

  /**
   * Every label and taint a node had before the upgrade, it has after it: the persisted ones put
   * back, the others never lost (a fresh install recreates them).
   */
  private static void assertNoNodeLostSchedulingState(
      Map<String, Node> before, Map<String, Node> after) {
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach(
        (name, node) -> {
          assertThat(after.get(name).getMetadata().getLabels())
              .as("labels of %s", name)
              .containsAllEntriesOf(node.getMetadata().getLabels());
          assertThat(taints(after.get(name))).as("taints of %s", name).containsAll(taints(node));
        });
  }

  private static Map<String, Node> nodes(UpgradeSession session) {
    return session.cluster().client().nodes().list().getItems().stream()
        .collect(
            Collectors.toMap(
                n -> n.getMetadata().getName(), Function.identity(), (a, b) -> a, TreeMap::new));
  }

  private static Set<String> taints(Node node) {
    if (node.getSpec() == null || node.getSpec().getTaints() == null) {
      return Set.of();
    }
    return node.getSpec().getTaints().stream()
        .map(t -> new Taint(t.getKey(), t.getValue(), t.getEffect()).toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean cordoned(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  /** Every pod's uid, with the node it runs on. */
  private static Map<String, String> pods(UpgradeSession session) {
    Map<String, String> pods = new TreeMap<>();
    for (Pod p : session.cluster().client().pods().inAnyNamespace().list().getItems()) {
      pods.put(
          p.getMetadata().getNamespace()
              + "/"
              + p.getMetadata().getName()
              + "#"
              + p.getMetadata().getUid(),
          Objects.toString(p.getSpec().getNodeName(), ""));
    }
    return pods;
  }

  /** Every VMI, with the node it runs on. */
  private static Map<String, String> vmiNodes(UpgradeSession session) {
    Map<String, String> vmis = new TreeMap<>();
    for (GenericKubernetesResource vmi :
        session
            .cluster()
            .client()
            .genericKubernetesResources(KubeVirt.VMI)
            .inAnyNamespace()
            .list()
            .getItems()) {
      Object node = vmi.get("status", "nodeName");
      vmis.put(
          vmi.getMetadata().getNamespace() + "/" + vmi.getMetadata().getName(),
          Objects.toString(node, ""));
    }
    return vmis;
  }

  private static UpgradeCondition condition(Upgrade upgrade, String type) {
    return upgrade.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  /** The values one node's {@code kubevirt.io/schedulable} label took, in order, with its OS. */
  private static final class LabelWatch implements AutoCloseable {

    private record Value(String osImage, String value) {}

    private final List<Value> values = new ArrayList<>();
    private SharedIndexInformer<Node> informer;

    static LabelWatch start(KubernetesClient client, String node) {
      LabelWatch watch = new LabelWatch();
      watch.informer = client.nodes().withName(node).inform(ChangeHandlers.onChange(watch::sample));
      return watch;
    }

    private synchronized void sample(Node node) {
      Map<String, String> labels = node.getMetadata().getLabels();
      Value v =
          new Value(
              node.getStatus().getNodeInfo().getOsImage(),
              labels == null ? "" : labels.getOrDefault(SCHEDULABLE, ""));
      if (values.isEmpty() || !values.get(values.size() - 1).equals(v)) {
        values.add(v);
      }
    }

    /** The label's successive values while the node ran {@code osImage}. */
    synchronized List<String> valuesOn(String osImage) {
      return values.stream().filter(v -> v.osImage().equals(osImage)).map(Value::value).toList();
    }

    @Override
    public void close() {
      informer.close();
    }
  }

  /** Every condition the Upgrade showed, in order. */
  private static final class ConditionWatch implements AutoCloseable {

    private final List<UpgradeCondition> seen = new ArrayList<>();
    private SharedIndexInformer<Upgrade> informer;

    static ConditionWatch start(KubernetesClient client) {
      ConditionWatch watch = new ConditionWatch();
      watch.informer =
          client
              .resources(Upgrade.class)
              .inNamespace(UpgradeSession.NAMESPACE)
              .withName(UPGRADE)
              .inform(ChangeHandlers.onChange(watch::sample));
      return watch;
    }

    private synchronized void sample(Upgrade upgrade) {
      if (upgrade.getStatus() != null) {
        seen.addAll(upgrade.getStatus().getConditions());
      }
    }

    synchronized List<UpgradeCondition> seen() {
      return List.copyOf(seen);
    }

    @Override
    public void close() {
      informer.close();
    }
  }
}
