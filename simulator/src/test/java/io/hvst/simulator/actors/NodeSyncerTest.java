package io.hvst.simulator.actors;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.mergeNode;
import static io.hvst.simulator.SimTest.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.observe.ClusterHistory.Interval;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A vcluster-style syncer undoes the cordons of the nodes it is told to, as many as told. */
class NodeSyncerTest {

  private static final String CORDON = "{\"spec\":{\"unschedulable\":true}}";

  private SimulatedCluster cluster;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.start(ClusterSpec.standard(2, 0, 1).withoutVirtHandlerHeartbeat());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void revertsTheNextCordonsItWasToldToThenLetsTheCordonStick() {
    cluster.nodeSyncer().revertCordons("node-1", 2);

    cordonAndAwaitRevert("node-1");
    cordonAndAwaitRevert("node-1");
    mergeNode(cluster.client(), "node-1", CORDON);

    assertStaysCordoned("node-1");
    assertThat(cluster.nodeSyncer().reverts("node-1")).isEqualTo(2);
    List<Interval> cordons = cluster.history().cordoned("node-1");
    assertThat(cordons).hasSize(3);
    // Not at once: the history's own watch may see a cordon a little after the syncer's does.
    assertThat(cordons.subList(0, 2))
        .allSatisfy(
            c ->
                assertThat(Duration.between(c.from(), c.to()))
                    .isGreaterThan(Duration.ofMillis(NodeSyncer.MIN_DELAY_MS / 2)));
  }

  @Test
  void maxValueRevertsEveryCordonAndOtherNodesAreLeftAlone() {
    cluster.nodeSyncer().revertCordons("node-1", Integer.MAX_VALUE);

    for (int i = 0; i < 3; i++) {
      cordonAndAwaitRevert("node-1");
    }
    mergeNode(cluster.client(), "node-2", CORDON);

    assertStaysCordoned("node-2");
    assertThat(cluster.nodeSyncer().reverts("node-1")).isEqualTo(3);
    assertThat(cluster.nodeSyncer().reverts()).isEqualTo(3);
  }

  @Test
  void zeroSwitchesItOff() {
    cluster.nodeSyncer().revertCordons("node-1", Integer.MAX_VALUE);
    cluster.nodeSyncer().revertCordons("node-1", 0);

    mergeNode(cluster.client(), "node-1", CORDON);

    assertStaysCordoned("node-1");
    assertThat(cluster.nodeSyncer().reverts()).isZero();
  }

  private void cordonAndAwaitRevert(String node) {
    int before = cluster.nodeSyncer().reverts(node);
    mergeNode(cluster.client(), node, CORDON);
    awaitShort(
        () -> {
          assertThat(cluster.nodeSyncer().reverts(node)).isEqualTo(before + 1);
          assertThat(node(cluster.client(), node).getSpec().getUnschedulable()).isFalse();
        });
  }

  private void assertStaysCordoned(String node) {
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(
            () -> Boolean.TRUE.equals(node(cluster.client(), node).getSpec().getUnschedulable()));
  }
}
