package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.Controls;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Bad input (DESIGN.md section 9): a corrupted or hand-edited journal, nodes that vanish or never
 * come back, a missing repo VM, a second Upgrade. Each ends in a clear condition and reason and a
 * log line, never in a crash loop or a hot loop, and nothing is lost: no VM stopped or lost, no
 * node cordoned by us without a record. Bad versions are {@link BadUpgradeIT}'s.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final String TARGET = "v1.5.0";
  private static final String NS = UpgradeSession.NAMESPACE;

  /** The order of a standard 3-node cluster with the repo VM on node-1. */
  private static final String FIRST = "node-2";

  @Test
  void invalidJsonInTheJournalHaltsWithJournalUnreadableAndResumesOnceRepaired(
      CapturedOutput output) {
    String key = "node.node-3";
    haltsOnAnUnreadableJournalUntilRepaired(
        data -> {
          Map<String, String> broken = new HashMap<>(data);
          String json = broken.get(key);
          broken.put(key, json.substring(0, json.length() / 2));
          return broken;
        },
        "key \"" + key + "\" is not valid",
        output);
  }

  @Test
  void anUnknownJournalSchemaVersionHaltsWithJournalUnreadableAndResumesOnceRepaired(
      CapturedOutput output) {
    haltsOnAnUnreadableJournalUntilRepaired(
        data -> {
          Map<String, String> newer = new HashMap<>(data);
          Matcher m = Pattern.compile("\"schemaVersion\":\\s*1\\b").matcher(data.get("upgrade"));
          assertThat(m.find()).as("the journal names its schemaVersion").isTrue();
          newer.put("upgrade", m.replaceFirst("\"schemaVersion\":99"));
          return newer;
        },
        "schemaVersion 99 is not supported",
        output);
  }

  private void haltsOnAnUnreadableJournalUntilRepaired(
      UnaryOperator<Map<String, String>> corrupt, String expected, CapturedOutput output) {
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 1, 41), null, Map.of())) {
      session.createUpgrade(UPGRADE, TARGET, "node-1");
      Awaits.journal(
          session, UPGRADE, Duration.ofSeconds(90), Awaits.nodeIn(FIRST, NodeState.SUCCEEDED));

      // Someone edits the journal while the controller is down (or between two of its passes).
      session.stopController();
      ConfigMap stored = session.journalConfigMap(UPGRADE).orElseThrow();
      Map<String, String> original = Map.copyOf(stored.getData());
      Journal recorded = session.journal(UPGRADE).orElseThrow();
      Map<String, String> broken = corrupt.apply(original);
      ConfigMap edited = replaceJournalData(session, broken);
      long journalWrites = session.cluster().journalWrites().count();
      ControllerRequests requests = ControllerRequests.tap(session);
      session.startController();

      Upgrade halted = session.awaitCompletedReason(UPGRADE, "JournalUnreadable", seconds(60));
      UpgradeCondition completed = condition(halted, "Completed");
      assertThat(completed.getStatus()).isEqualTo("False");
      assertThat(completed.getMessage())
          .contains(NS + "/" + ResourceNames.journal(UPGRADE))
          .contains(expected);
      assertQuiet(session, requests, "upgrades/" + UPGRADE);
      ConfigMap after = session.journalConfigMap(UPGRADE).orElseThrow();
      assertThat(after.getMetadata().getResourceVersion())
          .as("the unreadable journal is left untouched")
          .isEqualTo(edited.getMetadata().getResourceVersion());
      assertThat(after.getData()).isEqualTo(broken);
      assertThat(session.cluster().journalWrites().count()).isEqualTo(journalWrites);
      Awaits.everyCordonRecorded(session, recorded);
      assertThat(session.cluster().inventory().vmsStopped()).isZero();
      assertLoggedOnce(output, expected);

      // The operator puts the journal back: the upgrade carries on from where it was.
      replaceJournalData(session, original);
      Upgrade done = Awaits.state(session, UPGRADE, "Succeeded", seconds(120));
      assertThat(condition(done, "Completed").getReason()).isEqualTo("UpgradeSucceeded");
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      assertThat(Awaits.cordonedNodes(session)).isZero();
      assertNothingLost(session);
    }
  }

  /**
   * The machine of a node still queued in the journal was removed while the controller was down.
   * The restarted controller upgrades the others, then fails that node with NodeGone.
   */
  @Test
  void aJournalNamingANodeThatNoLongerExistsFailsThatNodeWithNodeGone(CapturedOutput output) {
    ClusterSpec standard = ClusterSpec.standard(4, 1, 43);
    // node-4 is a worker without VMs: removing its machine costs no workload.
    ClusterSpec spec =
        new ClusterSpec(
            standard.nodes(),
            standard.vmsPerNode(),
            standard.fromVersion(),
            standard.seed(),
            standard.timing(),
            standard.vms().stream().filter(v -> !v.node().equals("node-4")).toList(),
            standard.virtHandlerHeartbeat());
    try (UpgradeSession session = UpgradeSession.prepare(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, TARGET, "node-1");
      annotate(session, UPGRADE, Controls.PAUSE, "true");
      session.startController();
      Journal paused =
          Awaits.journal(
              session,
              UPGRADE,
              seconds(60),
              j -> j.upgrade().phase() == UpgradePhase.PAUSED && j.node("node-4").isPresent());
      assertThat(paused.nodeRecords()).allMatch(r -> r.state() == NodeState.QUEUED);

      session.stopController();
      session.cluster().nodeFaults().remove("node-4");
      session.startController();
      annotate(session, UPGRADE, Controls.PAUSE, null);

      Upgrade failed = session.awaitFinished(UPGRADE, seconds(120));
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(failed)).as("journal %s", journal).isEqualTo("Failed");
      NodeRecord gone = journal.node("node-4").orElseThrow();
      assertThat(gone.state()).isEqualTo(NodeState.FAILED);
      assertThat(gone.failure().reason()).isEqualTo(Reason.NODE_GONE);
      assertThat(gone.cordonedByUs()).as("nothing was done to a node that is gone").isFalse();
      for (String other : new String[] {"node-1", "node-2", "node-3"}) {
        assertThat(journal.node(other).orElseThrow().state()).isEqualTo(NodeState.SUCCEEDED);
      }
      assertThat(nodeStatus(failed, "node-4").getReason()).isEqualTo("NodeGone");
      for (String other : new String[] {"node-1", "node-2", "node-3"}) {
        assertThat(nodeStatus(failed, other).getState()).isEqualTo("Succeeded");
        assertThat(nodeStatus(failed, other).getReason())
            .as("%s shows no wait it has left behind", other)
            .isNullOrEmpty();
      }
      UpgradeCondition completed = condition(failed, "Completed");
      assertThat(completed.getStatus()).isEqualTo("False");
      assertThat(completed.getReason()).isEqualTo("NodeFailed");
      assertThat(completed.getMessage()).contains("node-4");
      assertThat(output.getAll()).contains("node-4 no longer exists");
      Awaits.everyCordonRecorded(session, journal);
      assertThat(Awaits.cordonedNodes(session)).isZero();
      assertNothingLost(session);
      assertQuietOnceFinished(session);
    }
  }

  /** The node's machine is removed while the node is being upgraded (it is rebooting). */
  @Test
  void aNodeDeletedMidUpgradeFailsWithNodeGoneAndTheOthersAreLeftAlone(CapturedOutput output) {
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 1, 47), null, Map.of())) {
      // The reboot takes long enough for the machine to be removed while the node is down.
      session.cluster().os().returnAfter(FIRST, seconds(120));
      session.createUpgrade(UPGRADE, TARGET, "node-1");
      Awaits.journal(session, UPGRADE, seconds(90), Awaits.nodeIn(FIRST, NodeState.UPGRADE));
      Awaits.until(
          FIRST + " rebooting", seconds(30), () -> session.cluster().os().reboots(FIRST) == 1);
      session.cluster().nodeFaults().remove(FIRST);

      Upgrade failed = session.awaitFinished(UPGRADE, seconds(60));
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(failed)).as("journal %s", journal).isEqualTo("Failed");
      NodeRecord gone = journal.node(FIRST).orElseThrow();
      assertThat(gone.state()).isEqualTo(NodeState.FAILED);
      assertThat(gone.failure().reason()).isEqualTo(Reason.NODE_GONE);
      assertThat(gone.failure().step()).isEqualTo(NodeState.UPGRADE);
      assertThat(nodeStatus(failed, FIRST).getReason()).isEqualTo("NodeGone");
      assertThat(condition(failed, "Completed").getReason()).isEqualTo("NodeFailed");
      assertThat(output.getAll()).contains(FIRST + " no longer exists");
      for (String other : new String[] {"node-1", "node-3"}) {
        assertThat(journal.node(other).orElseThrow().state()).isEqualTo(NodeState.QUEUED);
        assertThat(session.cluster().history().cordoned(other)).as("%s untouched", other).isEmpty();
      }
      Awaits.everyCordonRecorded(session, journal);
      assertNothingLost(session);
      assertQuietOnceFinished(session);
    }
  }

  @Test
  void aNodeThatNeverComesBackFailsWithNodeDidNotReturnAndStaysOnRecord(CapturedOutput output) {
    Map<String, Object> props = Map.of("hvst.timeouts.upgrade", "6s");
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 1, 53), null, props)) {
      session.cluster().os().neverReturn(FIRST);
      session.createUpgrade(UPGRADE, TARGET, "node-1");

      Upgrade failed = session.awaitFinished(UPGRADE, seconds(90));
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(failed)).as("journal %s", journal).isEqualTo("Failed");
      NodeRecord down = journal.node(FIRST).orElseThrow();
      assertThat(down.state()).isEqualTo(NodeState.FAILED);
      assertThat(down.failure().reason()).isEqualTo(Reason.NODE_DID_NOT_RETURN);
      assertThat(down.failure().step()).isEqualTo(NodeState.UPGRADE);
      NodeUpgradeStatus status = nodeStatus(failed, FIRST);
      assertThat(status.getState()).isEqualTo("Failed");
      assertThat(status.getReason()).isEqualTo("NodeDidNotReturn");
      assertThat(status.getMessage()).contains(FIRST).contains("did not come back Ready");
      UpgradeCondition completed = condition(failed, "Completed");
      assertThat(completed.getReason()).isEqualTo("NodeFailed");
      assertThat(completed.getMessage()).contains(FIRST).contains(Controls.RETRY);
      assertThat(output.getAll()).contains("did not come back Ready");
      assertThat(session.cluster().os().reboots(FIRST)).isEqualTo(1);
      // The node stays cordoned (it is down), on record as ours; the others were never touched.
      assertThat(down.cordonedByUs()).isTrue();
      Awaits.everyCordonRecorded(session, journal);
      for (String other : new String[] {"node-1", "node-3"}) {
        assertThat(session.cluster().history().cordoned(other)).as("%s untouched", other).isEmpty();
      }
      assertNothingLost(session);
      assertQuietOnceFinished(session);
    }
  }

  @Test
  void aMissingRepoVmHoldsTheUpgradeWithRepoVmMissingThenFailsItTouchingNoNode(
      CapturedOutput output) {
    Map<String, Object> props = Map.of("hvst.timeouts.pre-drain", "3s");
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 1, 59), null, props)) {
      session.createUpgrade(UPGRADE, TARGET, null);

      Upgrade held = session.awaitCompletedReason(UPGRADE, "RepoVmMissing", seconds(30));
      String repoVm = "upgrade-repo-" + UPGRADE;
      assertThat(condition(held, "Completed").getMessage()).contains(repoVm);
      Upgrade failed = session.awaitFinished(UPGRADE, seconds(60));
      assertThat(UpgradeSession.state(failed)).isEqualTo("Failed");
      UpgradeCondition completed = condition(failed, "Completed");
      assertThat(completed.getStatus()).isEqualTo("False");
      assertThat(completed.getReason()).isEqualTo("RepoVmMissing");
      assertThat(completed.getMessage()).contains(repoVm);
      assertThat(output.getAll())
          .contains("Upgrade " + NS + "/" + UPGRADE + " is blocked (RepoVmMissing)")
          .contains(repoVm + " does not exist");
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.FAILED);
      assertThat(journal.nodeRecords()).isEmpty();
      assertThat(session.cluster().jobs().created()).isEmpty();
      assertThat(session.cluster().history().samples()).allMatch(s -> !s.unschedulable());
      assertNothingLost(session);
      assertQuietOnceFinished(session);
    }
  }

  @Test
  void aSecondUpgradeWhileOneRunsIsRefusedAndTheFirstCarriesOn(CapturedOutput output) {
    String second = UPGRADE + "-2";
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 1, 61), null, Map.of())) {
      ControllerRequests requests = ControllerRequests.tap(session);
      session.createUpgrade(UPGRADE, TARGET, "node-1");
      Awaits.journal(
          session,
          UPGRADE,
          seconds(60),
          j -> j.nodeRecords().stream().anyMatch(r -> r.state().isStep()));
      session.createUpgrade(second, "v1.5.1", null);

      Upgrade refused = session.awaitCompletedReason(second, "AnotherUpgradeRunning", seconds(30));
      UpgradeCondition completed = condition(refused, "Completed");
      assertThat(completed.getStatus()).isEqualTo("False");
      assertThat(completed.getMessage()).contains(NS + "/" + UPGRADE);
      assertThat(UpgradeSession.state(refused)).isEqualTo("Failed");
      assertThat(output.getAll()).contains("AnotherUpgradeRunning");

      Upgrade first = session.awaitFinished(UPGRADE, seconds(120));
      assertThat(UpgradeSession.state(first)).isEqualTo("Succeeded");
      Awaits.sleep(seconds(3));
      Upgrade stillRefused = session.upgrade(second);
      assertThat(condition(stillRefused, "Completed").getReason())
          .as("a refusal for a running upgrade stays once that one finished")
          .isEqualTo("AnotherUpgradeRunning");
      assertThat(session.journalConfigMap(second)).isEmpty();
      assertThat(session.cluster().jobs().created().keySet())
          .allMatch(job -> job.startsWith("hvst-" + UPGRADE + "-node-"));
      assertThat(requests.writes("upgrades/" + second))
          .as("the refusal is written once or twice, not on every pass")
          .isBetween(1L, 3L);
      assertThat(Awaits.cordonedNodes(session)).isZero();
      assertNothingLost(session);
    }
  }

  // --- helpers ---

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }

  private static ConfigMap replaceJournalData(UpgradeSession session, Map<String, String> data) {
    return session
        .cluster()
        .client()
        .configMaps()
        .inNamespace(NS)
        .withName(ResourceNames.journal(UPGRADE))
        .edit(cm -> new ConfigMapBuilder(cm).withData(new LinkedHashMap<>(data)).build());
  }

  /** Sets (or, with null, removes) an annotation on the Upgrade, as kubectl annotate does. */
  private static void annotate(UpgradeSession session, String upgrade, String key, String value) {
    session
        .cluster()
        .client()
        .resources(Upgrade.class)
        .inNamespace(NS)
        .withName(upgrade)
        .edit(
            u -> {
              Map<String, String> annotations =
                  new HashMap<>(
                      u.getMetadata().getAnnotations() == null
                          ? Map.of()
                          : u.getMetadata().getAnnotations());
              if (value == null) {
                annotations.remove(key);
              } else {
                annotations.put(key, value);
              }
              u.getMetadata().setAnnotations(annotations);
              return u;
            });
  }

  private static UpgradeCondition condition(Upgrade upgrade, String type) {
    return upgrade.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " on " + upgrade));
  }

  private static NodeUpgradeStatus nodeStatus(Upgrade upgrade, String node) {
    NodeUpgradeStatus status = upgrade.getStatus().getNodeStatuses().get(node);
    assertThat(status).as("status of %s", node).isNotNull();
    return status;
  }

  private static void assertNothingLost(UpgradeSession session) {
    assertThat(session.cluster().inventory().lostVms()).isEmpty();
    assertThat(session.cluster().inventory().vmsStopped()).isZero();
    assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
  }

  /**
   * Nothing to do, nothing done: while unrelated changes wake the controller up (a node relabelled
   * once a second), it writes no journal, writes the Upgrade at most once and sends hardly any
   * request. A pass that re-writes, re-triggers itself or spins on its own wake-ups fails this.
   */
  private static void assertQuiet(UpgradeSession session, ControllerRequests requests, String obj) {
    // Let what the last change caused (a status write, an event) go out first.
    Awaits.sleep(seconds(2));
    long journalWrites = session.cluster().journalWrites().count();
    long sent = requests.total();
    long upgradeWrites = requests.writes(obj);
    for (int i = 1; i <= 3; i++) {
      String poke = String.valueOf(i);
      session
          .cluster()
          .client()
          .nodes()
          .withName("node-1")
          .edit(
              n -> {
                Map<String, String> labels = new HashMap<>(n.getMetadata().getLabels());
                labels.put("example.com/poke", poke);
                n.getMetadata().setLabels(labels);
                return n;
              });
      Awaits.sleep(seconds(1));
    }
    assertThat(session.cluster().journalWrites().count())
        .as("journal writes while nothing changes")
        .isEqualTo(journalWrites);
    assertThat(requests.writes(obj) - upgradeWrites)
        .as("writes of %s while nothing changes", obj)
        .isLessThanOrEqualTo(1);
    assertThat(requests.total() - sent)
        .as("requests while nothing changes: %s", requests.byMethodAndResource())
        .isLessThanOrEqualTo(5);
  }

  private static void assertQuietOnceFinished(UpgradeSession session) {
    assertQuiet(session, ControllerRequests.tap(session), "upgrades/" + UPGRADE);
  }

  private static void assertLoggedOnce(CapturedOutput output, String text) {
    int count = 0;
    for (int i = output.getAll().indexOf(text); i >= 0; i = output.getAll().indexOf(text, i + 1)) {
      count++;
    }
    assertThat(count).as("log lines saying \"%s\"", text).isBetween(1, 2);
  }
}
