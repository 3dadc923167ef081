package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.loop.JournalWriteListener;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimTiming;
import io.hvst.simulator.seed.NodePlan;
import io.hvst.simulator.seed.VmPlan;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.Controls;
import io.hvst.statemachine.decide.steps.Undo;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.status.HarvesterStates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A person steering a running upgrade through the Upgrade's annotations (pause, resume, abort,
 * retry, Harvester's per-node pause map), and the controller's own replicas handing over when the
 * leader dies mid-drain. Each scenario is a whole upgrade on the simulated cluster; the waits are
 * for states the journal or the cluster reach, never for a fixed time, except where a test holds
 * still on purpose to show that nothing moves.
 */
class ControlIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final String NAMESPACE = UpgradeSession.NAMESPACE;
  private static final String VERSION = "v1.5.0";
  private static final String ROLE_LABEL = "node-role.example.com/db";

  /** Migrations slow enough that a drain lasts seconds, so a control lands inside it. */
  private static final SimTiming SLOW_MIGRATIONS =
      SimTiming.fast().withMigrationDuration(Duration.ofSeconds(2));

  private static final Duration LONG = Duration.ofSeconds(90);

  /** How long a paused upgrade is watched for anything that moves. */
  private static final Duration HOLD = Duration.ofSeconds(3);

  /** The leader's death to the new leader's first act: the lease (3 s here) plus slack. */
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);

  @Test
  void pausedDuringTheFirstDrainStopsAfterThatStepAndResumesToSuccess() {
    ClusterSpec spec = ClusterSpec.standard(3, 2, 7).withTiming(SLOW_MIGRATIONS);
    try (UpgradeSession session = UpgradeSession.prepare(spec, null, Map.of())) {
      AtomicBoolean pauseSent = new AtomicBoolean();
      session
          .cluster()
          .journalWrites()
          .onWrite(
              w ->
                  firstNode(session)
                      .filter(r -> r.state() == NodeState.DRAIN)
                      .filter(r -> pauseSent.compareAndSet(false, true))
                      .ifPresent(r -> annotate(session, Controls.PAUSE, "true")));
      session.createUpgrade(UPGRADE, VERSION, "node-1");
      session.startController();

      // The Upgrade says "paused" at once; the node stops once its drain is done.
      session.awaitCompletedReason(UPGRADE, Reason.PAUSED_BY_USER.code(), LONG);
      Journal atPause =
          awaitJournal(
              session,
              "the first node to stop after its drain",
              j -> firstNodeOf(j).filter(r -> r.state() == NodeState.PAUSED).isPresent());
      List<String> order = atPause.upgrade().order();
      String first = order.get(0);
      assertThat(pauseSent).as("the pause was sent during %s's drain", first).isTrue();
      assertThat(atPause.upgrade().phase()).isEqualTo(UpgradePhase.PAUSED);
      NodeRecord firstAtPause = atPause.node(first).orElseThrow();
      assertThat(firstAtPause.resumeTo())
          .as("the drain in progress finished; the next step waits")
          .isEqualTo(NodeState.UPGRADE);
      assertThat(firstAtPause.migrations())
          .as("%s's VMs all moved before it stopped", first)
          .hasSize(2)
          .allMatch(m -> MigrationRecord.SUCCEEDED.equals(m.result()));
      eventually(
          () -> {
            Upgrade paused = session.upgrade(UPGRADE);
            assertThat(paused.getStatus().getNodeStatuses().get(first))
                .extracting(NodeUpgradeStatus::getState)
                .isEqualTo(HarvesterStates.PAUSED);
            assertThat(paused.getStatus().getConditions())
                .filteredOn(c -> "Completed".equals(c.getType()))
                .extracting(c -> c.getStatus() + "/" + c.getReason())
                .containsExactly("Unknown/" + Reason.PAUSED_BY_USER.code());
            assertThat(UpgradeSession.state(paused)).isNotIn(UpgradeSession.FINISHED);
          });

      // Held still: no step, no Job, no other node touched.
      Instant holdStart = Instant.now();
      sleep(HOLD);
      Journal afterHold = session.journal(UPGRADE).orElseThrow();
      assertThat(states(afterHold)).as("nothing moved while paused").isEqualTo(states(atPause));
      assertThat(afterHold.upgrade().phase()).isEqualTo(UpgradePhase.PAUSED);
      assertThat(session.cluster().jobs().created()).as("no upgrade Job while paused").isEmpty();
      for (String other : order.subList(1, order.size())) {
        assertThat(session.cluster().history().cordoned(other))
            .as("%s untouched while paused", other)
            .isEmpty();
      }

      Instant resumed = Instant.now();
      annotate(session, Controls.PAUSE, "false");
      Upgrade done = session.awaitFinished(UPGRADE, LONG);
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(done)).as("journal: %s", journal).isEqualTo("Succeeded");
      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      NodeRecord firstDone = journal.node(first).orElseThrow();
      assertThat(firstDone.enteredAt(NodeState.UPGRADE).orElseThrow())
          .as("%s's upgrade step began only after the pause was lifted", first)
          .isAfter(holdStart);
      assertThat(session.cluster().history().cordoned(order.get(1)).get(0).from())
          .as("the next node was cordoned only after the resume")
          .isAfter(resumed);
      assertThat(session.cluster().jobs().created().values()).allMatch(n -> n.get() == 1);
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void abortedMidDrainTakesBackEverythingItChangedAndLosesNoVm() {
    ClusterSpec spec =
        ClusterSpec.standard(3, 1, 11)
            .node("node-2", n -> n.withLabels(Map.of(ROLE_LABEL, "true")))
            .node("node-3", NodePlan::cordonedByAPerson)
            .vm("vm-node-2-1", VmPlan::hangingMigrations)
            .withVm(
                VmPlan.of("vm-rwo", "node-2")
                    .inNamespace("other")
                    .notMigratable("DisksNotLiveMigratable"));
    try (UpgradeSession session =
        UpgradeSession.prepare(spec, null, Map.of("hvst.drain.non-migratable", "stop"))) {
      ResourceQuota original =
          session
              .cluster()
              .workloads()
              .fullQuota("default", "compute", "requests.memory", "requests.cpu");
      AtomicBoolean abortSent = new AtomicBoolean();
      session
          .cluster()
          .journalWrites()
          .onWrite(
              w ->
                  session
                      .journal(UPGRADE)
                      .flatMap(j -> j.node("node-2"))
                      .filter(ControlIT::midDrainWithEverythingToUndo)
                      .filter(r -> abortSent.compareAndSet(false, true))
                      .ifPresent(
                          r -> {
                            // Something resets a persisted label while the node drains.
                            session
                                .cluster()
                                .client()
                                .nodes()
                                .withName("node-2")
                                .patch(
                                    PatchContext.of(PatchType.JSON_MERGE),
                                    "{\"metadata\":{\"labels\":{\"" + ROLE_LABEL + "\":null}}}");
                            annotate(session, Controls.ABORT, "true");
                          }));
      session.createUpgrade(UPGRADE, VERSION, "node-1");
      session.startController();

      Upgrade aborted = awaitState(session, "Aborted", LONG);
      assertThat(abortSent).as("the abort was sent mid-drain").isTrue();
      Journal journal =
          awaitJournal(
              session,
              "every node to owe nothing",
              j -> j.nodeRecords().stream().allMatch(Undo::settled));

      assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.ABORTED);
      assertThat(journal.upgrade().failure().reason()).isEqualTo(Reason.ABORTED_BY_USER);
      assertThat(journal.upgrade().failure().message())
          .contains("Upgraded: none")
          .contains("restored as they were: node-2");
      assertThat(aborted.getStatus().getConditions())
          .filteredOn(c -> "Completed".equals(c.getType()))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo(Reason.ABORTED_BY_USER.code());
                assertThat(c.getMessage()).contains("restored as they were: node-2");
              });

      NodeRecord drained = journal.node("node-2").orElseThrow();
      assertThat(drained.cordonedByUs()).isTrue();
      assertThat(drained.quotaChanges())
          .as("the quota raise was in place")
          .isNotEmpty()
          .allMatch(c -> c.state() == QuotaChange.State.RESTORED);
      List<MigrationRecord> cancelled =
          drained.migrations().stream().filter(m -> "cancelled".equals(m.message())).toList();
      assertThat(cancelled)
          .as("the migration in flight was cancelled: %s", drained.migrations())
          .isNotEmpty()
          .allMatch(m -> m.vm().equals("default/vm-node-2-1"))
          .allMatch(m -> MigrationRecord.FAILED.equals(m.result()));
      assertThat(drained.stoppedVms())
          .as("the VM stopped for the drain")
          .extracting(StoppedVm::vm, StoppedVm::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("other/vm-rwo", StoppedVm.State.STARTED));

      eventually(
          () -> {
            for (MigrationRecord m : cancelled) {
              assertThat(
                      session
                          .cluster()
                          .client()
                          .genericKubernetesResources(KubeVirt.MIGRATION)
                          .inNamespace("default")
                          .withName(m.migration())
                          .get())
                  .as("migration %s deleted", m.migration())
                  .isNull();
            }
            assertThat(hard(quota(session)))
                .as("quota back to what it was")
                .isEqualTo(hard(original));
            Node node2 = node(session, "node-2");
            assertThat(node2.getSpec().getUnschedulable())
                .as("node-2 uncordoned")
                .isNotEqualTo(true);
            assertThat(node2.getMetadata().getLabels())
                .as("node-2's persisted label put back")
                .containsEntry(ROLE_LABEL, "true");
            assertThat(node(session, "node-3").getSpec().getUnschedulable())
                .as("node-3 was cordoned by a person, not by us: it stays cordoned")
                .isTrue();
            assertThat(node(session, "node-1").getSpec().getUnschedulable()).isNotEqualTo(true);
            assertThat(
                    vm(session, KubeVirt.VM, "other", "vm-rwo").<String>get("spec", "runStrategy"))
                .isEqualTo("Always");
            assertThat(vm(session, KubeVirt.VMI, "other", "vm-rwo").<String>get("status", "phase"))
                .isEqualTo("Running");
            assertThat(
                    vm(session, KubeVirt.VMI, "default", "vm-node-2-1")
                        .<String>get("status", "phase"))
                .isEqualTo("Running");
          });
      assertThat(session.cluster().history().cordoned("node-1")).as("never started").isEmpty();
      assertThat(session.cluster().jobs().created()).as("no node was upgraded").isEmpty();
      assertThat(session.cluster().inventory().stops("other/vm-rwo")).isEqualTo(1);
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void retriesAFailedNodeOnceItsFaultIsClearedAndFinishes() {
    try (UpgradeSession session =
        UpgradeSession.prepare(ClusterSpec.standard(3, 1, 5), null, Map.of())) {
      String broken = "node-2";
      session.cluster().jobs().failUpgradeJobsOn(broken);
      session.createUpgrade(UPGRADE, VERSION, "node-1");
      session.startController();

      Upgrade failed = session.awaitFinished(UPGRADE, LONG);
      Journal atFailure = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(failed)).as("journal: %s", atFailure).isEqualTo("Failed");
      assertThat(atFailure.upgrade().order()).first().isEqualTo(broken);
      NodeRecord failedNode = atFailure.node(broken).orElseThrow();
      assertThat(failedNode.state()).isEqualTo(NodeState.FAILED);
      assertThat(failedNode.attempt()).isEqualTo(1);
      assertThat(failedNode.failure().reason()).isEqualTo(Reason.UPGRADE_JOB_FAILED);
      assertThat(failedNode.failure().step()).isEqualTo(NodeState.UPGRADE);
      String firstJob = failedNode.job();
      assertThat(atFailure.upgrade().failure().reason()).isEqualTo(Reason.NODE_FAILED);
      assertThat(atFailure.upgrade().failure().message()).contains(Controls.RETRY + "=" + broken);
      assertThat(atFailure.nodeRecords())
          .filteredOn(r -> !r.name().equals(broken))
          .allMatch(r -> r.state() == NodeState.QUEUED);
      NodeUpgradeStatus shown = failed.getStatus().getNodeStatuses().get(broken);
      assertThat(shown.getState()).isEqualTo(HarvesterStates.FAILED);
      assertThat(shown.getReason()).isEqualTo(Reason.UPGRADE_JOB_FAILED.code());

      session.cluster().jobs().healUpgradeJobsOn(broken);
      annotate(session, Controls.RETRY, broken);
      Upgrade done = awaitState(session, "Succeeded", LONG);

      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      NodeRecord retried = journal.node(broken).orElseThrow();
      assertThat(retried.attempt()).as("the retry is a new attempt").isEqualTo(2);
      assertThat(retried.job()).isNotEqualTo(firstJob).endsWith("-2");
      assertThat(journal.upgrade().lastRetry()).isEqualTo(broken + "@1");
      assertThat(journal.nodeRecords())
          .filteredOn(r -> !r.name().equals(broken))
          .allMatch(r -> r.attempt() == 1);
      assertThat(done.getMetadata().getAnnotations())
          .as("the retry request was consumed")
          .doesNotContainKey(Controls.RETRY);
      Map<String, Integer> jobs = new TreeMap<>();
      session.cluster().jobs().created().forEach((name, n) -> jobs.put(name, n.get()));
      assertThat(jobs).containsEntry(firstJob, 1).containsEntry(retried.job(), 1).hasSize(4);
      assertThat(session.cluster().os().reboots(broken)).isEqualTo(1);
      assertThat(session.cluster().history().cordoned(broken))
          .as("cordoned once, through the failure and the retry")
          .hasSize(1);
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void holdsANodeInHarvestersPauseMapUntilItIsTakenOut() {
    try (UpgradeSession session =
        UpgradeSession.prepare(ClusterSpec.standard(3, 1, 9), null, Map.of())) {
      String held = "node-3";
      session.createUpgrade(UPGRADE, VERSION, "node-1");
      annotate(session, Controls.PAUSE_MAP, "{\"" + held + "\":\"pause\"}");
      session.startController();

      Journal others =
          awaitJournal(
              session,
              "every node but " + held + " to be upgraded",
              j ->
                  j.nodeRecords().stream()
                      .filter(r -> !r.name().equals(held))
                      .allMatch(r -> r.state() == NodeState.SUCCEEDED));
      assertThat(others.upgrade().order()).contains(held).hasSize(3);
      NodeRecord waiting = others.node(held).orElseThrow();
      assertThat(waiting.state()).isEqualTo(NodeState.PAUSED);
      assertThat(waiting.resumeTo()).isEqualTo(NodeState.QUEUED);
      assertThat(waiting.enteredAt(NodeState.PRE_DRAIN)).as("never started").isEmpty();
      assertThat(waiting.savedScheduling()).isEmpty();
      assertThat(others.upgrade().phase()).isEqualTo(UpgradePhase.UPGRADING_NODES);
      assertThat(session.cluster().history().cordoned(held)).isEmpty();
      assertThat(session.cluster().os().reboots(held)).isZero();
      assertThat(session.cluster().jobs().created().keySet()).noneMatch(j -> j.contains(held));
      Upgrade meanwhile = session.upgrade(UPGRADE);
      assertThat(UpgradeSession.state(meanwhile)).isNotIn(UpgradeSession.FINISHED);
      eventually(
          () ->
              assertThat(session.upgrade(UPGRADE).getStatus().getNodeStatuses().get(held))
                  .extracting(NodeUpgradeStatus::getState)
                  .isEqualTo(HarvesterStates.PAUSED));

      Instant released = Instant.now();
      annotate(session, Controls.PAUSE_MAP, "{}");
      Upgrade done = session.awaitFinished(UPGRADE, LONG);
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(done)).as("journal: %s", journal).isEqualTo("Succeeded");
      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      Instant lastOtherDone =
          others.nodeRecords().stream()
              .filter(r -> !r.name().equals(held))
              .map(r -> r.enteredAt(NodeState.SUCCEEDED).orElseThrow())
              .max(Instant::compareTo)
              .orElseThrow();
      assertThat(journal.node(held).orElseThrow().enteredAt(NodeState.PRE_DRAIN).orElseThrow())
          .isAfterOrEqualTo(lastOtherDone);
      assertThat(session.cluster().history().cordoned(held))
          .hasSize(1)
          .allMatch(i -> i.from().isAfter(released));
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
    }
  }

  @Test
  void anotherReplicaTakesOverWhenTheLeaderDiesMidDrainAndRepeatsNothing() throws Exception {
    ClusterSpec spec = ClusterSpec.standard(3, 2, 5).withTiming(SLOW_MIGRATIONS);
    try (UpgradeSession session = UpgradeSession.prepare(spec, null, Map.of())) {
      ConcurrentLinkedQueue<Act> acts = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Act> journalWrites = new ConcurrentLinkedQueue<>();
      session
          .cluster()
          .dispatcher()
          .addFirst(
              (request, store) -> {
                String agent = request.getHeader("User-Agent");
                String path = request.getPath();
                if (agent != null
                    && WRITES.contains(request.getMethod())
                    && !path.contains("/leases")
                    && !path.contains("/events")) {
                  acts.add(new Act(agent, Instant.now(), request.getMethod() + " " + path));
                }
                return null;
              });
      List<String> replicas = List.of("replica-a", "replica-b");
      session.startReplica(
          replicas.get(0), Map.of("journal", journalLog(replicas.get(0), journalWrites)));
      String first =
          awaitTrue("replica-a to lead", () -> leaseHolder(session).filter(h -> !h.isEmpty()));
      assertThat(first).isEqualTo(replicas.get(0));
      session.startReplica(
          replicas.get(1), Map.of("journal", journalLog(replicas.get(1), journalWrites)));

      CompletableFuture<Kill> killed = new CompletableFuture<>();
      session
          .cluster()
          .journalWrites()
          .onWrite(
              w -> {
                if (killed.isDone()) {
                  return;
                }
                Optional<NodeRecord> draining =
                    session.journal(UPGRADE).stream()
                        .flatMap(j -> j.nodeRecords().stream())
                        .filter(r -> r.state() == NodeState.DRAIN)
                        .filter(r -> r.migrations().stream().anyMatch(m -> !m.finished()))
                        .findFirst();
                if (draining.isPresent()) {
                  String leader = leaseHolder(session).orElse("");
                  Instant at = Instant.now();
                  try {
                    session.killReplica(leader);
                    killed.complete(new Kill(leader, draining.get().name(), at));
                  } catch (RuntimeException e) {
                    killed.completeExceptionally(e);
                  }
                }
              });
      session.createUpgrade(UPGRADE, VERSION, "node-1");

      Kill kill = killed.get(LONG.toSeconds(), TimeUnit.SECONDS);
      String survivor =
          replicas.stream().filter(r -> !r.equals(kill.leader())).findFirst().orElseThrow();
      Upgrade done = session.awaitFinished(UPGRADE, LONG);
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(done)).as("journal: %s", journal).isEqualTo("Succeeded");
      assertThat(kill.leader()).as("the leader was the first replica").isEqualTo(first);

      String survivorAgent = UpgradeSession.replicaUserAgent(survivor);
      assertThat(acts)
          .as("the standby did nothing while the leader lived")
          .noneMatch(a -> a.who().equals(survivorAgent) && a.at().isBefore(kill.at()));
      assertThat(journalWrites)
          .noneMatch(a -> a.who().equals(survivor) && a.at().isBefore(kill.at()));
      Instant firstAct =
          acts.stream()
              .filter(a -> a.who().equals(survivorAgent))
              .map(Act::at)
              .min(Instant::compareTo)
              .orElseThrow();
      Instant firstJournalWrite =
          journalWrites.stream()
              .filter(a -> a.who().equals(survivor))
              .map(Act::at)
              .min(Instant::compareTo)
              .orElseThrow();
      Duration failover = Duration.between(kill.at(), firstAct);
      System.out.printf(
          "Leader failover: %s killed during %s's drain; %s acted %d ms later (%s), "
              + "first journal write after %d ms%n",
          kill.leader(),
          kill.node(),
          survivor,
          failover.toMillis(),
          acts.stream()
              .filter(a -> a.who().equals(survivorAgent))
              .findFirst()
              .map(Act::what)
              .orElse(""),
          Duration.between(kill.at(), firstJournalWrite).toMillis());
      assertThat(failover).isPositive().isLessThan(FAILOVER_BOUND);
      assertThat(Duration.between(kill.at(), firstJournalWrite)).isLessThan(FAILOVER_BOUND);
      assertThat(session.cluster().controllerLink().refused())
          .as("the dead leader's last requests (its lease release among them) were cut off")
          .isPositive();
      assertThat(leaseHolder(session)).contains(survivor);

      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
      assertThat(session.cluster().jobs().created().values()).allMatch(n -> n.get() == 1);
      for (String node : journal.upgrade().order()) {
        assertThat(session.cluster().os().reboots(node)).as("%s rebooted once", node).isEqualTo(1);
      }
    }
  }

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** A write request some client sent, and when it reached the API server. */
  private record Act(String who, Instant at, String what) {}

  private record Kill(String leader, String node, Instant at) {}

  private static JournalWriteListener journalLog(String replica, ConcurrentLinkedQueue<Act> log) {
    return (upgrade, sequence) ->
        log.add(new Act(replica, Instant.now(), "journal write " + sequence));
  }

  private static Optional<String> leaseHolder(UpgradeSession session) {
    Lease lease =
        session
            .cluster()
            .client()
            .leases()
            .inNamespace(NAMESPACE)
            .withName("hvst-upgrade-controller")
            .get();
    return Optional.ofNullable(lease)
        .map(Lease::getSpec)
        .map(s -> s.getHolderIdentity() == null ? "" : s.getHolderIdentity());
  }

  /** node-2 is draining with a quota raised, a migration running and a VM stopped. */
  private static boolean midDrainWithEverythingToUndo(NodeRecord rec) {
    return rec.state() == NodeState.DRAIN
        && rec.quotaChanges().stream().anyMatch(c -> c.state() == QuotaChange.State.RAISED)
        && rec.migrations().stream().anyMatch(m -> !m.finished())
        && rec.stoppedVms().stream().anyMatch(s -> s.state() == StoppedVm.State.STOPPED);
  }

  private static Optional<NodeRecord> firstNode(UpgradeSession session) {
    return session.journal(UPGRADE).flatMap(ControlIT::firstNodeOf);
  }

  private static Optional<NodeRecord> firstNodeOf(Journal journal) {
    return journal.upgrade().order().stream().findFirst().flatMap(journal::node);
  }

  private static Map<String, NodeState> states(Journal journal) {
    Map<String, NodeState> states = new TreeMap<>();
    journal.nodeRecords().forEach(r -> states.put(r.name(), r.state()));
    return states;
  }

  /** A person's {@code kubectl annotate --overwrite} on the Upgrade. */
  private static void annotate(UpgradeSession session, String key, String value) {
    String patch =
        session
            .cluster()
            .client()
            .getKubernetesSerialization()
            .asJson(Map.of("metadata", Map.of("annotations", Map.of(key, value))));
    session
        .cluster()
        .client()
        .resources(Upgrade.class)
        .inNamespace(NAMESPACE)
        .withName(UPGRADE)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  private static ResourceQuota quota(UpgradeSession session) {
    return session
        .cluster()
        .client()
        .resourceQuotas()
        .inNamespace("default")
        .withName("compute")
        .get();
  }

  /** {@code spec.hard} as numbers, so "7Gi" and "7516192768" compare equal. */
  private static Map<String, java.math.BigDecimal> hard(ResourceQuota quota) {
    Map<String, java.math.BigDecimal> amounts = new TreeMap<>();
    quota
        .getSpec()
        .getHard()
        .forEach((k, v) -> amounts.put(k, Quantity.getAmountInBytes(v).stripTrailingZeros()));
    return amounts;
  }

  private static Node node(UpgradeSession session, String name) {
    return session.cluster().client().nodes().withName(name).get();
  }

  private static GenericKubernetesResource vm(
      UpgradeSession session,
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String namespace,
      String name) {
    GenericKubernetesResource found =
        session
            .cluster()
            .client()
            .genericKubernetesResources(kind)
            .inNamespace(namespace)
            .withName(name)
            .get();
    assertThat(found).as("%s %s/%s", kind.getKind(), namespace, name).isNotNull();
    return found;
  }

  private static Upgrade awaitState(UpgradeSession session, String state, Duration timeout) {
    return awaitTrue(
        "the Upgrade to be " + state,
        timeout,
        () ->
            Optional.ofNullable(session.upgrade(UPGRADE))
                .filter(u -> state.equals(UpgradeSession.state(u))),
        () -> "journal: " + session.journal(UPGRADE).map(Journal::toString).orElse("none"));
  }

  private static Journal awaitJournal(
      UpgradeSession session, String what, Predicate<Journal> reached) {
    return awaitTrue(
        what,
        LONG,
        () -> session.journal(UPGRADE).filter(reached),
        () -> "journal: " + session.journal(UPGRADE).map(Journal::toString).orElse("none"));
  }

  private static <T> T awaitTrue(String what, Supplier<Optional<T>> probe) {
    return awaitTrue(what, LONG, probe, () -> "");
  }

  private static <T> T awaitTrue(
      String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> context) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what + "; " + context.get());
      }
      sleep(Duration.ofMillis(50));
    }
  }

  /** Runs the assertions until they pass, or fails with their last complaint. */
  private static void eventually(Runnable assertions) {
    Instant deadline = Instant.now().plus(LONG);
    while (true) {
      try {
        assertions.run();
        return;
      } catch (AssertionError e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
      sleep(Duration.ofMillis(100));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
