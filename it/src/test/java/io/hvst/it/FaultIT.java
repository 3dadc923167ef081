package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hvst.controller.kube.KubeCalls;
import io.hvst.controller.kube.Upgrade;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.api.ApiFaults;
import io.hvst.simulator.sandbox.ReportBuilder;
import io.hvst.simulator.sandbox.SandboxReport;
import io.hvst.simulator.scenario.FaultScenarios;
import io.hvst.simulator.scenario.ScenarioSetup;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.NodeState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The controller's own world failing: the API server answering errors and late, the controller
 * restarted at random, the API failing every request for a while. The upgrade must end as an
 * undisturbed one ends, repeating no side effect and losing nothing, and a failing API must show as
 * a block rather than a loop.
 */
class FaultIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final String TARGET = "v1.5.0";

  /** The controller's per-request timeout in the late-answer test: short, so timeouts are cheap. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void tenPercentApiErrorsAndLateAnswersCostNothingAndRepeatNothing() {
    Map<String, Object> props =
        Map.of("hvst.kubernetes.request-timeout", CLIENT_TIMEOUT.toMillis() + "ms");
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 2, 21), null, props)) {
      ApiFaults faults =
          session
              .cluster()
              .apiFaults()
              .errors(0.10, 500, 503, 504, 409, 429)
              .slow(0.05, Duration.ofMillis(300))
              .timeouts(0.02, CLIENT_TIMEOUT)
              .on();
      session.createUpgrade(UPGRADE, TARGET, "node-1");
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(3));
      faults.off();
      Journal journal = session.journal(UPGRADE).orElseThrow();
      System.out.printf(
          "10%% faults: errors injected %s, %d slow, %d timed out, %d controller requests %s%n",
          faults.injectedErrors(),
          faults.slowed(),
          faults.timedOut(),
          session.cluster().requests().total(agent()),
          session.cluster().requests().byVerb(agent()));

      assertThat(UpgradeSession.state(done)).as("journal %s", journal).isEqualTo("Succeeded");
      long errors = faults.injectedErrors().values().stream().mapToLong(Long::longValue).sum();
      assertThat(errors).as("errors were injected").isPositive();
      assertThat(faults.slowed() + faults.timedOut()).as("late answers were sent").isPositive();
      assertThat(journal.nodeRecords()).hasSize(3).allMatch(r -> r.state() == NodeState.SUCCEEDED);
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
      assertThat(session.cluster().inventory().vmsStopped()).isZero();
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertThat(session.cluster().jobs().created().values()).allMatch(n -> n.get() == 1);
      assertEveryNodeUpgradedAndSchedulable(session);
    }
  }

  @Test
  void chaosScenarioSucceedsAcrossRestartsLosingNothing() {
    ScenarioSetup setup = FaultScenarios.chaos();
    long seed = 5;
    ClusterSpec spec = setup.spec(3, 2, seed);
    try (UpgradeSession session = setup.start(spec, null, Map.of())) {
      session.createUpgrade(UPGRADE, TARGET, setup.repoVmNode(spec));
      session.awaitFinished(UPGRADE, Duration.ofMinutes(4));
      session.cluster().apiFaults().off();
      SandboxReport report = ReportBuilder.build(session, UPGRADE, "chaos", seed);
      System.out.printf(
          "chaos: %s, %d restarts, errors injected %s, vms %s, scheduling %s, api %s%n",
          report.result(),
          report.restarts(),
          session.cluster().apiFaults().injectedErrors(),
          report.vms(),
          report.scheduling(),
          report.apiRequests());

      assertThat(report.result()).as("report %s", report).isEqualTo("Succeeded");
      assertThat(report.upgrade().reason()).isEqualTo(Reason.UPGRADE_SUCCEEDED.code());
      assertThat(report.upgrade().message()).isEqualTo(Reason.UPGRADE_SUCCEEDED.text());
      assertThat(report.restarts()).as("the controller was restarted").isPositive();
      assertThat(session.cluster().apiFaults().injectedErrors()).isNotEmpty();
      assertThat(report.vms().lostVms()).isEmpty();
      assertThat(report.vms().lost()).isZero();
      assertThat(report.repeatedSideEffects()).isEmpty();
      assertThat(report.scheduling().persisted())
          .as("the role label (at least) was persisted")
          .isPositive();
      assertThat(report.scheduling().lost()).as("persisted labels all back").isZero();
      Node node3 = session.cluster().client().nodes().withName("node-3").get();
      assertThat(node3.getMetadata().getLabels()).containsEntry(FaultScenarios.ROLE_LABEL, "true");
      assertEveryNodeUpgradedAndSchedulable(session);
    }
  }

  /**
   * Every request fails for a while, mid-upgrade. The circuit breaker opens, the upgrade shows as
   * blocked on the API (hvst_upgrade_blocked{reason="ApiUnavailable"}), the loop backs off instead
   * of spinning, and once the API answers again the upgrade carries on to the end.
   *
   * <p>Leader election is off here: with every request failing, the lease cannot be renewed either,
   * and a replica that loses its lease stops acting and reports nothing (a separate promise). This
   * test is about the reconcile loop facing a dead API.
   */
  @Test
  void aDeadApiShowsAsBlockedWithoutAHotLoopAndTheUpgradeRecovers() {
    Map<String, Object> props =
        Map.of(
            "hvst.leader-election.enabled",
            "false",
            // The blackout must not be mistaken for a slow migration.
            "hvst.drain.migration-timeout-min",
            "2m",
            // Once the API is back, the next try comes within seconds, not after a minute of
            // backoff. What keeps a blocked loop cheap is the breaker, not this ceiling.
            "hvst.reconcile.max-error-backoff",
            "5s");
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 1, 31), null, props)) {
      ControllerRequests requests = ControllerRequests.tap(session);
      ApiFaults faults = session.cluster().apiFaults().errors(1.0, 500, 503);
      session.createUpgrade(UPGRADE, TARGET, "node-1");
      // Mid-upgrade: a node is in one of its steps (cordoned, being drained or upgraded).
      Journal before = Awaits.journal(session, UPGRADE, Duration.ofSeconds(60), FaultIT::nodeBusy);
      String busy =
          before.nodeRecords().stream()
              .filter(r -> r.state().isStep())
              .findFirst()
              .orElseThrow()
              .name();
      faults.on();

      MeterRegistry registry = session.controller().getBean(MeterRegistry.class);
      KubeCalls calls = session.controller().getBean(KubeCalls.class);
      AtomicBoolean opened = new AtomicBoolean();
      Awaits.until(
          "the circuit breaker to open and the upgrade to show as blocked on the API",
          Duration.ofSeconds(60),
          () -> {
            opened.compareAndSet(false, calls.breakerState() == CircuitBreaker.State.OPEN);
            return opened.get() && blocked(registry, Reason.API_UNAVAILABLE) == 1;
          });
      long journalWrites = session.cluster().journalWrites().count();
      long sent = requests.total();
      Awaits.sleep(Duration.ofSeconds(10));
      long sentWhileBlocked = requests.total() - sent;
      System.out.printf(
          "dead API: %d requests in 10 s while blocked, errors injected %s, breaker %s%n",
          sentWhileBlocked, faults.injectedErrors(), calls.breakerState());
      // Retries of a pass (4 tries) and half-open probes (3 every 10 s) only; a loop that spins
      // on every watch event, or retries without backoff, sends hundreds.
      assertThat(sentWhileBlocked).as("requests while the API is dead").isLessThan(40);
      assertThat(session.cluster().journalWrites().count()).isEqualTo(journalWrites);
      assertThat(blocked(registry, Reason.API_UNAVAILABLE)).isEqualTo(1);
      assertThat(UpgradeSession.state(session.upgrade(UPGRADE)))
          .as("a dead API is not a failed upgrade")
          .isNotIn("Failed", "Aborted");

      faults.off();
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(3));
      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(UpgradeSession.state(done)).as("journal %s", journal).isEqualTo("Succeeded");
      assertThat(journal.node(busy).orElseThrow().state()).isEqualTo(NodeState.SUCCEEDED);
      assertThat(calls.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
      assertThat(blocked(registry, Reason.API_UNAVAILABLE)).isZero();
      assertThat(session.cluster().inventory().lostVms()).isEmpty();
      assertThat(session.cluster().inventory().repeatedSideEffects()).isEmpty();
      assertEveryNodeUpgradedAndSchedulable(session);
    }
  }

  private static boolean nodeBusy(Journal j) {
    return j.nodeRecords().stream().anyMatch(r -> r.state().isStep());
  }

  private static double blocked(MeterRegistry registry, Reason reason) {
    Gauge gauge = registry.find("hvst.upgrade.blocked").tag("reason", reason.code()).gauge();
    assertThat(gauge).as("gauge hvst_upgrade_blocked{reason=%s}", reason.code()).isNotNull();
    return gauge.value();
  }

  private static String agent() {
    return io.hvst.simulator.SimulatedCluster.CONTROLLER_USER_AGENT;
  }

  private static void assertEveryNodeUpgradedAndSchedulable(UpgradeSession session) {
    for (Node n : session.cluster().client().nodes().list().getItems()) {
      assertThat(n.getStatus().getNodeInfo().getOsImage())
          .as("%s runs the new version", n.getMetadata().getName())
          .isEqualTo("Harvester " + TARGET);
      assertThat(Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
          .as("%s cordoned", n.getMetadata().getName())
          .isFalse();
    }
  }
}
