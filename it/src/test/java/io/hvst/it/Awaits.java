package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.hvst.controller.kube.Upgrade;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Waits and checks the fault and bad-input tests share. */
final class Awaits {

  private Awaits() {}

  /** Polls until {@code condition} holds; fails the test with {@code what} otherwise. */
  static void until(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for %s", what).isBefore(deadline);
      sleep(Duration.ofMillis(50));
    }
  }

  /** Waits until the stored journal (decoded) satisfies {@code condition}, and returns it. */
  static Journal journal(
      UpgradeSession session, String upgrade, Duration timeout, Predicate<Journal> condition) {
    Journal[] seen = new Journal[1];
    until(
        "the journal of " + upgrade,
        timeout,
        () -> {
          Optional<Journal> j = readable(session, upgrade);
          j.ifPresent(x -> seen[0] = x);
          return j.filter(condition).isPresent();
        });
    return seen[0];
  }

  /** Waits until the Upgrade's state label is {@code state}. */
  static Upgrade state(UpgradeSession session, String upgrade, String state, Duration timeout) {
    return session
        .cluster()
        .client()
        .resources(Upgrade.class)
        .inNamespace(UpgradeSession.NAMESPACE)
        .withName(upgrade)
        .waitUntilCondition(
            u -> u != null && state.equals(UpgradeSession.state(u)),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** The journal, or empty when there is none or it cannot be decoded. */
  static Optional<Journal> readable(UpgradeSession session, String upgrade) {
    try {
      return session.journal(upgrade);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** A node in {@code journal} that is in {@code state}. */
  static Predicate<Journal> nodeIn(String node, io.hvst.statemachine.lifecycle.NodeState state) {
    return j -> j.node(node).map(r -> r.state() == state).orElse(false);
  }

  /**
   * Every node the cluster shows cordoned was cordoned by us and is on record as such (in a journal
   * that can be read); none is cordoned without one.
   */
  static void everyCordonRecorded(UpgradeSession session, Journal journal) {
    for (Node n : session.cluster().client().nodes().list().getItems()) {
      if (Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
        String name = n.getMetadata().getName();
        assertThat(journal.node(name).map(NodeRecord::cordonedByUs))
            .as("node %s is cordoned; the journal must say we did it", name)
            .contains(true);
      }
    }
  }

  static long cordonedNodes(UpgradeSession session) {
    return session.cluster().client().nodes().list().getItems().stream()
        .filter(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
        .count();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
