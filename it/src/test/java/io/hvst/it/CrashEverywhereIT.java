package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.loop.ControllerCrash;
import io.hvst.controller.loop.JournalWriteListener;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The controller is killed right after every journal write of a whole upgrade (VMs to migrate, a
 * full quota to raise, a label to put back), before that pass's actions run, and a fresh one takes
 * over each time. It must end where an uninterrupted run ends, having repeated no side effect.
 */
class CrashEverywhereIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final String QUOTA_MEMORY = "6912Mi";

  private static ClusterSpec spec() {
    return ClusterSpec.standard(3, 1, 11)
        .node("node-3", n -> n.withLabels(Map.of("node-role.example.com/db", "true")));
  }

  @Test
  void resumesAfterACrashAfterEveryJournalWriteRepeatingNoSideEffect() {
    Map<String, Object> reference = endStateOfAnUninterruptedRun();

    try (UpgradeSession session = UpgradeSession.prepare(spec(), null, Map.of())) {
      session
          .cluster()
          .workloads()
          .quota("default", "compute", Map.of("requests.memory", QUOTA_MEMORY));
      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");
      AtomicBoolean armed = new AtomicBoolean();
      AtomicInteger writes = new AtomicInteger();
      JournalWriteListener killer =
          (upgrade, sequence) -> {
            writes.incrementAndGet();
            if (armed.getAndSet(false)) {
              throw new ControllerCrash("killed after journal write " + writes.get());
            }
          };
      int restarts = 0;
      Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
      while (!finished(session)) {
        assertThat(Instant.now())
            .as("the upgrade makes progress across restarts")
            .isBefore(deadline);
        armed.set(true);
        session.startController(Map.of("killer", killer));
        awaitCrashOrEnd(session);
        session.stopController();
        restarts++;
      }
      System.out.printf(
          "Kill points exercised: %d restarts over %d journal writes%n", restarts, writes.get());

      assertThat(UpgradeSession.state(session.upgrade(UPGRADE))).isEqualTo("Succeeded");
      assertThat(restarts).as("a kill after (nearly) every journal write").isGreaterThan(20);
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
      assertThat(endState(session)).isEqualTo(reference);
    }
  }

  private Map<String, Object> endStateOfAnUninterruptedRun() {
    try (UpgradeSession session = UpgradeSession.prepare(spec(), null, Map.of())) {
      session
          .cluster()
          .workloads()
          .quota("default", "compute", Map.of("requests.memory", QUOTA_MEMORY));
      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");
      session.startController();
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(2));
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(done))
          .as("uninterrupted run: %s", journal)
          .isEqualTo("Succeeded");
      assertThat(journal.node("node-1").orElseThrow().quotaChanges())
          .as("the quota had to be raised")
          .isNotEmpty();
      return endState(session);
    }
  }

  /** What an operator checks afterwards: versions, cordons, persisted labels, quota, VMs. */
  private static Map<String, Object> endState(UpgradeSession session) {
    Map<String, Object> state = new TreeMap<>();
    for (Node n : session.cluster().client().nodes().list().getItems()) {
      String name = n.getMetadata().getName();
      state.put(name + ".os", n.getStatus().getNodeInfo().getOsImage());
      state.put(name + ".cordoned", Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
      state.put(
          name + ".db-role",
          n.getMetadata().getLabels().getOrDefault("node-role.example.com/db", "-"));
      state.put(name + ".schedulable", n.getMetadata().getLabels().get("kubevirt.io/schedulable"));
    }
    ResourceQuota quota =
        session
            .cluster()
            .client()
            .resourceQuotas()
            .inNamespace("default")
            .withName("compute")
            .get();
    state.put("quota.requests.memory", quota.getSpec().getHard().get("requests.memory").toString());
    state.put("vms.lost", session.cluster().inventory().lostVms().size());
    state.put("vms.stopped", session.cluster().inventory().vmsStopped());
    Journal journal = session.journal(UPGRADE).orElseThrow();
    journal.nodeRecords().forEach(r -> state.put(r.name() + ".state", r.state()));
    assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
    return state;
  }

  private static boolean finished(UpgradeSession session) {
    Upgrade u = session.upgrade(UPGRADE);
    return u != null && UpgradeSession.FINISHED.contains(UpgradeSession.state(u));
  }

  private static void awaitCrashOrEnd(UpgradeSession session) {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (!session.controllerCrashed() && !finished(session)) {
      assertThat(Instant.now()).as("each controller either crashes or finishes").isBefore(until);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
