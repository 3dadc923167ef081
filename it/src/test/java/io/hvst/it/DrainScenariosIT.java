package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.api.ApiBehaviour;
import io.hvst.simulator.api.SimulatorDispatcher;
import io.hvst.simulator.observe.VmInventory;
import io.hvst.simulator.sandbox.Scenario;
import io.hvst.simulator.scenario.DrainScenarios;
import io.hvst.simulator.scenario.ScenarioSetup;
import io.hvst.simulator.seed.VmPlan;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Whole upgrades through the drains real Harvester upgrades get stuck in (DESIGN.md section 8),
 * each set up by the scenario catalog the sandbox uses, so the sandbox's promised end is checked
 * here too. What happened is asked of the simulated cluster (its inventory, history and API
 * answers) as well as of the controller's journal and status.
 */
class DrainScenariosIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final String VERSION = "v1.5.0";
  private static final Duration FINISH = Duration.ofMinutes(2);
  private static final String REPO_VM = UpgradeSession.NAMESPACE + "/upgrade-repo-" + UPGRADE;
  private static final String RWO_VM = "default/" + DrainScenarios.RWO_VM;
  private static final long SEED = 7;

  @Test
  void movesAHostPassthroughRepoVmOnlyToANodeWithEveryCpuFeatureItUsesWithoutStoppingIt() {
    ScenarioSetup setup = DrainScenarios.repoVmCpuMismatch();
    ClusterSpec spec = setup.spec(3, 2, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, FINISH);

      assertEnd(done, Scenario.REPO_VM_CPU_MISMATCH, null);
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);

      List<MigrationRecord> repoMoves = migrationsOf(journal, REPO_VM);
      assertThat(repoMoves).as("the repo VM was live-migrated").isNotEmpty();
      assertThat(repoMoves)
          .as("every move of the repo VM, and where it went")
          .allMatch(m -> MigrationRecord.SUCCEEDED.equals(m.result()))
          .extracting(MigrationRecord::target)
          .doesNotContain("node-2");
      assertThat(vmiNode(session, REPO_VM))
          .as("where the repo VM runs at the end")
          .isNotEqualTo("node-2")
          .isNotEqualTo("node-1");
      assertThat(vmiPhase(session, REPO_VM)).isEqualTo("Running");

      VmInventory inventory = session.cluster().inventory();
      assertThat(inventory.stops(REPO_VM)).as("times the repo VM was stopped").isZero();
      assertThat(inventory.crashes()).doesNotContainKey(REPO_VM);
      assertThat(journal.nodeRecords())
          .flatExtracting(NodeRecord::stoppedVms)
          .extracting(StoppedVm::vm)
          .doesNotContain(REPO_VM);
      assertThat(inventory.migrationsFailed()).as("migrations libvirt refused").isZero();
      assertThat(inventory.lostVms()).isEmpty();
    }
  }

  @Test
  void failsWithoutCordoningWhenNoNodeHasTheRepoVmsCpuFeaturesNamingTheMissingOne() {
    ScenarioSetup setup = DrainScenarios.repoVmNoTarget();
    ClusterSpec spec = setup.spec(3, 2, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, FINISH);

      assertEnd(done, Scenario.REPO_VM_NO_TARGET, Reason.NO_MIGRATION_TARGET);
      NodeRecord node1 = session.journal(UPGRADE).orElseThrow().node("node-1").orElseThrow();
      assertThat(node1.state()).isEqualTo(NodeState.FAILED);
      Failure failure = node1.failure();
      assertThat(failure.reason()).isEqualTo(Reason.NO_MIGRATION_TARGET);
      assertThat(failure.message())
          .contains("upgrade-repo-" + UPGRADE)
          .contains(DrainScenarios.MISSING_FEATURE);
      assertThat(nodeStatus(done, "node-1").getReason())
          .isEqualTo(Reason.NO_MIGRATION_TARGET.code());

      assertThat(session.cluster().history().cordoned("node-1")).as("cordons of node-1").isEmpty();
      assertThat(node1.cordonedByUs()).isFalse();
      assertThat(vmiNode(session, REPO_VM)).isEqualTo("node-1");
      assertThat(session.cluster().inventory().vmsStopped()).isZero();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void raisesAFullQuotaForEachMigrationAndPutsItBackExactly() {
    ScenarioSetup setup = DrainScenarios.quotaFull();
    ClusterSpec spec = setup.spec(3, 2, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      Map<String, BigDecimal> before = quotaHard(session);
      assertThat(before).containsOnlyKeys("requests.memory", "requests.cpu");
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, FINISH);

      assertEnd(done, Scenario.QUOTA_FULL, null);
      assertThat(quotaHard(session)).as("spec.hard at the end").isEqualTo(before);

      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      List<QuotaChange> changes =
          journal.nodeRecords().stream().flatMap(r -> r.quotaChanges().stream()).toList();
      System.out.printf("Quota raises: %d for %d VMs%n", changes.size(), spec.vms().size());
      assertThat(changes).as("quota raises").isNotEmpty();
      for (QuotaChange c : changes) {
        assertThat(c.key())
            .isEqualTo(DrainScenarios.QUOTA_NAMESPACE + "/" + DrainScenarios.QUOTA_NAME);
        assertThat(c.state())
            .as("%s for %s", c.key(), c.vm())
            .isEqualTo(QuotaChange.State.RESTORED);
        assertThat(c.delta()).as("what the raise for %s added", c.vm()).isNotEmpty();
        c.delta()
            .forEach(
                (resource, added) -> {
                  assertThat(added).isPositive();
                  assertThat(c.raisedTo().get(resource))
                      .isEqualTo(c.original().get(resource) + added);
                  assertThat(c.restoreTo().get(resource))
                      .as("%s restored for %s", resource, c.vm())
                      .isEqualTo(c.original().get(resource));
                });
      }
      VmInventory inventory = session.cluster().inventory();
      assertThat(inventory.repeatedSideEffects()).isEmpty();
      assertThat(inventory.vmsStopped()).isZero();
      assertThat(inventory.lostVms()).isEmpty();
    }
  }

  @Test
  void waitsOutADisruptionBudgetThatRefusesEvictionsForAWhile() {
    ScenarioSetup setup = DrainScenarios.pdbBlocking();
    ClusterSpec spec = setup.spec(3, 2, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      EvictionTap evictions = EvictionTap.on(session, DrainScenarios.PDB_APP);
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, FINISH);

      assertEnd(done, Scenario.PDB_BLOCKING, null);
      System.out.printf(
          "Evictions of %s pods: %d refused (429), %d allowed; the first allowed %d ms after the"
              + " first asked (the budget blocks for %d ms after its first refusal)%n",
          DrainScenarios.PDB_APP,
          evictions.refused(),
          evictions.allowed(),
          evictions.firstAllowedAfterFirstAsked().toMillis(),
          DrainScenarios.PDB_BLOCK.toMillis());
      assertThat(evictions.refused()).as("evictions the budget refused").isPositive();
      assertThat(evictions.firstAllowedAfterFirstAsked())
          .as("the drain waited the budget out")
          .isGreaterThanOrEqualTo(DrainScenarios.PDB_BLOCK);
      assertThat(evictions.allowed())
          .as("evictions allowed: one %s pod per node", DrainScenarios.PDB_APP)
          .isGreaterThanOrEqualTo(spec.nodes().size());
      assertThat(session.journal(UPGRADE).orElseThrow().nodeRecords())
          .allMatch(r -> r.state() == NodeState.SUCCEEDED);
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void failsTheNodeWithADrainTimeoutWhenADisruptionBudgetNeverAllowsAnEviction() {
    ScenarioSetup setup = DrainScenarios.pdbNeverAllows();
    ClusterSpec spec = setup.spec(3, 2, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, FINISH);

      assertEnd(done, Scenario.PDB_NEVER_ALLOWS, Reason.DRAIN_TIMEOUT);
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.FAILED);
      List<NodeRecord> failed =
          journal.nodeRecords().stream().filter(r -> r.state() == NodeState.FAILED).toList();
      assertThat(failed).as("failed nodes").hasSize(1);
      NodeRecord rec = failed.get(0);
      assertThat(rec.name()).isEqualTo(journal.upgrade().order().get(0));

      Failure failure = rec.failure();
      assertThat(failure.reason()).isEqualTo(Reason.DRAIN_TIMEOUT);
      assertThat(failure.step()).isEqualTo(NodeState.DRAIN);
      assertThat(failure.message()).contains("default/" + DrainScenarios.PDB_APP + "-");
      assertThat(rec.enteredAt(NodeState.PRE_DRAIN)).isPresent();
      assertThat(rec.enteredAt(NodeState.DRAIN)).isPresent();
      assertThat(rec.enteredAt(NodeState.FAILED))
          .hasValueSatisfying(
              at -> {
                assertThat(at).isAfter(rec.enteredAt(NodeState.DRAIN).orElseThrow());
                assertThat(at).isEqualTo(failure.at());
              });
      assertThat(rec.enteredAt(NodeState.UPGRADE)).as("never upgraded").isEmpty();

      NodeUpgradeStatus status = nodeStatus(done, rec.name());
      assertThat(status.getState()).isEqualTo("Failed");
      assertThat(status.getReason()).isEqualTo(Reason.DRAIN_TIMEOUT.code());
      assertThat(status.getMessage()).isEqualTo(failure.message());
      assertThat(session.cluster().os().reboots(rec.name())).isZero();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void stopsAVmThatCannotMigrateOnceUnderTheStopPolicyAndStartsItAgain() {
    ScenarioSetup setup = DrainScenarios.nonMigratableStopped();
    ClusterSpec spec = setup.spec(3, 2, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, FINISH);

      assertEnd(done, Scenario.NON_MIGRATABLE, null);
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      assertThat(journal.nodeRecords())
          .flatExtracting(NodeRecord::stoppedVms)
          .as("VMs the controller stopped")
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.vm()).isEqualTo(RWO_VM);
                assertThat(s.node()).isEqualTo(DrainScenarios.RWO_NODE);
                assertThat(s.state()).isEqualTo(StoppedVm.State.STARTED);
                assertThat(s.runStrategy()).isEqualTo("Always");
              });
      assertThat(journal.node(DrainScenarios.RWO_NODE).orElseThrow().stoppedVms()).hasSize(1);
      assertThat(migrationsOf(journal, RWO_VM)).as("migrations of the RWO VM").isEmpty();

      VmInventory inventory = session.cluster().inventory();
      assertThat(inventory.stops(RWO_VM)).as("times the RWO VM was stopped").isEqualTo(1);
      assertThat(inventory.vmsStopped()).as("VMs stopped in all").isEqualTo(1);
      assertThat(inventory.vmsStarted()).as("VMs started in all").isEqualTo(1);
      assertThat(vmiPhase(session, RWO_VM)).isEqualTo("Running");
      assertThat(inventory.repeatedSideEffects()).isEmpty();
      assertThat(inventory.lostVms()).isEmpty();
    }
  }

  @Test
  void neverCordonsANodeWithAVmThatCannotMigrateUnderTheBlockPolicyAndNamesTheVm() {
    ScenarioSetup setup = DrainScenarios.nonMigratableBlocked();
    ClusterSpec spec = setup.spec(3, 2, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, FINISH);

      assertEnd(done, Scenario.NON_MIGRATABLE_BLOCKED, Reason.STEP_TIMEOUT);
      NodeRecord rec =
          session.journal(UPGRADE).orElseThrow().node(DrainScenarios.RWO_NODE).orElseThrow();
      assertThat(rec.state()).isEqualTo(NodeState.FAILED);
      assertThat(rec.failure().reason()).isEqualTo(Reason.STEP_TIMEOUT);
      assertThat(rec.failure().step()).isEqualTo(NodeState.PRE_DRAIN);
      assertThat(rec.failure().message())
          .contains(RWO_VM)
          .contains("cannot be live-migrated")
          .contains("DisksNotLiveMigratable");
      NodeUpgradeStatus status = nodeStatus(done, DrainScenarios.RWO_NODE);
      assertThat(status.getState()).isEqualTo("Failed");
      assertThat(status.getMessage()).contains(RWO_VM);

      assertThat(session.cluster().history().cordoned(DrainScenarios.RWO_NODE))
          .as("cordons of %s", DrainScenarios.RWO_NODE)
          .isEmpty();
      assertThat(rec.cordonedByUs()).isFalse();
      VmInventory inventory = session.cluster().inventory();
      assertThat(inventory.stops(RWO_VM)).isZero();
      assertThat(vmiNode(session, RWO_VM)).isEqualTo(DrainScenarios.RWO_NODE);
      assertThat(inventory.lostVms()).isEmpty();
    }
  }

  @Test
  void upgradesTenNodesOfFiveVmsEachKeepingEveryVmRunningWithoutStoppingAny() {
    ScenarioSetup setup = Scenario.HAPPY.setup();
    ClusterSpec spec = setup.spec(10, 5, SEED);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, VERSION, setup.repoVmNode(spec));
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(3));

      assertEnd(done, Scenario.HAPPY, null);
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords())
          .hasSize(10)
          .allSatisfy(r -> assertThat(r.state()).as(r.name()).isEqualTo(NodeState.SUCCEEDED));
      assertThat(done.getStatus().getNodeStatuses().values())
          .hasSize(10)
          .extracting(NodeUpgradeStatus::getState)
          .containsOnly("Succeeded");

      List<String> vms = spec.vms().stream().map(VmPlan::key).toList();
      assertThat(vms).hasSize(50);
      for (String vm : vms) {
        assertThat(vmiPhase(session, vm)).as("%s at the end", vm).isEqualTo("Running");
      }
      VmInventory inventory = session.cluster().inventory();
      assertThat(inventory.vmsStopped()).isZero();
      assertThat(inventory.crashes()).isEmpty();
      assertThat(inventory.lostVms()).isEmpty();
      assertThat(inventory.repeatedSideEffects()).isEmpty();

      Map<String, Long> moves =
          journal.nodeRecords().stream()
              .flatMap(r -> r.migrations().stream())
              .filter(m -> MigrationRecord.SUCCEEDED.equals(m.result()))
              .collect(
                  Collectors.groupingBy(MigrationRecord::vm, TreeMap::new, Collectors.counting()));
      System.out.printf(
          "10 nodes x 5 VMs: %d migrations succeeded (%d failed) for %d VMs (+ the repo VM):"
              + " %.2f migrations per VM; per VM %s%n",
          inventory.migrationsSucceeded(),
          inventory.migrationsFailed(),
          vms.size(),
          (double) inventory.migrationsSucceeded() / (vms.size() + 1),
          moves);
      assertThat(moves.keySet())
          .as("every VM left at least one node being drained")
          .containsAll(vms);
      assertThat(moves)
          .as("migrations per VM: once, twice for those of the first node (nothing upgraded yet)")
          .allSatisfy((vm, n) -> assertThat(n).as(vm).isBetween(1L, 2L));
      assertThat(moves.values().stream().mapToLong(Long::longValue).sum())
          .as("the journal's migrations are the ones KubeVirt ran")
          .isEqualTo(inventory.migrationsSucceeded());
    }
  }

  /** The sandbox's promised end of the scenario is the end reached here. */
  private static void assertEnd(Upgrade done, Scenario scenario, Reason failure) {
    String state = UpgradeSession.state(done);
    assertThat(state)
        .as("how the upgrade ended")
        .isEqualTo(failure == null ? "Succeeded" : "Failed");
    String end = failure == null ? state : state + ": " + failure.code();
    assertThat(scenario.expected())
        .as("the sandbox's expected end of %s", scenario.id())
        .startsWith(end);
    if (failure != null) {
      assertThat(done.getStatus().getNodeStatuses().values())
          .extracting(NodeUpgradeStatus::getReason)
          .contains(failure.code());
    }
  }

  private static NodeUpgradeStatus nodeStatus(Upgrade upgrade, String node) {
    NodeUpgradeStatus status = upgrade.getStatus().getNodeStatuses().get(node);
    assertThat(status).as("status.nodeStatuses[%s]", node).isNotNull();
    return status;
  }

  private static List<MigrationRecord> migrationsOf(Journal journal, String vm) {
    return journal.nodeRecords().stream()
        .flatMap(r -> r.migrations().stream())
        .filter(m -> m.vm().equals(vm))
        .toList();
  }

  private static GenericKubernetesResource vmi(UpgradeSession session, String key) {
    String[] parts = key.split("/", 2);
    GenericKubernetesResource vmi =
        session
            .cluster()
            .client()
            .genericKubernetesResources(KubeVirt.VMI)
            .inNamespace(parts[0])
            .withName(parts[1])
            .get();
    assertThat(vmi).as("VMI %s", key).isNotNull();
    return vmi;
  }

  private static String vmiNode(UpgradeSession session, String key) {
    return vmi(session, key).get("status", "nodeName");
  }

  private static String vmiPhase(UpgradeSession session, String key) {
    return vmi(session, key).get("status", "phase");
  }

  /**
   * The quota's {@code spec.hard} as numbers, so "1Gi" and "1073741824" (or "1" and "1000m")
   * compare equal.
   */
  private static Map<String, BigDecimal> quotaHard(UpgradeSession session) {
    ResourceQuota quota =
        session
            .cluster()
            .client()
            .resourceQuotas()
            .inNamespace(DrainScenarios.QUOTA_NAMESPACE)
            .withName(DrainScenarios.QUOTA_NAME)
            .get();
    assertThat(quota).isNotNull();
    Map<String, BigDecimal> hard = new TreeMap<>();
    quota
        .getSpec()
        .getHard()
        .forEach((k, v) -> hard.put(k, v.getNumericalAmount().stripTrailingZeros()));
    return hard;
  }

  /**
   * What the API server answers to evictions of an app's pods: asked before the simulator's
   * Eviction API, it passes each request on and counts the answers.
   */
  private static final class EvictionTap implements ApiBehaviour {

    private final Pattern eviction;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger allowed = new AtomicInteger();
    private final AtomicLong firstAt = new AtomicLong(-1);
    private final AtomicLong firstAllowedAt = new AtomicLong(-1);

    private EvictionTap(String app) {
      eviction =
          Pattern.compile(
              "/api/v1/namespaces/[^/]+/pods/" + Pattern.quote(app) + "-[^/?]+/eviction");
    }

    static EvictionTap on(UpgradeSession session, String app) {
      EvictionTap tap = new EvictionTap(app);
      session.cluster().dispatcher().addFirst(tap);
      return tap;
    }

    @Override
    public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
      if (!"POST".equalsIgnoreCase(request.getMethod())
          || !eviction.matcher(request.getPath()).lookingAt()) {
        return null;
      }
      firstAt.compareAndSet(-1, System.nanoTime());
      MockResponse answer = store.answerAfter(this, request);
      if (answer.code() == 429) {
        refused.incrementAndGet();
      } else if (answer.code() == 201) {
        allowed.incrementAndGet();
        firstAllowedAt.compareAndSet(-1, System.nanoTime());
      }
      return answer;
    }

    int refused() {
      return refused.get();
    }

    int allowed() {
      return allowed.get();
    }

    /** From the first eviction asked for to the first allowed; negative when either is missing. */
    Duration firstAllowedAfterFirstAsked() {
      long first = firstAt.get();
      long allowedAt = firstAllowedAt.get();
      return Duration.ofNanos(first < 0 || allowedAt < 0 ? -1 : allowedAt - first);
    }
  }
}
