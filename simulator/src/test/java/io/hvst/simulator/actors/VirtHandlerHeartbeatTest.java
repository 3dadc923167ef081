package io.hvst.simulator.actors;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.mergeNode;
import static io.hvst.simulator.SimTest.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimTiming;
import io.hvst.simulator.SimulatedCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** virt-handler labels its Ready node kubevirt.io/schedulable=true, whatever was set by hand. */
class VirtHandlerHeartbeatTest {

  private static final Duration BEAT = Duration.ofMillis(150);
  private static final String UNSCHEDULABLE =
      "{\"metadata\":{\"labels\":{\"kubevirt.io/schedulable\":\"false\"}}}";

  private SimulatedCluster cluster;

  private void start(ClusterSpec spec) {
    cluster =
        SimulatedCluster.start(spec.withTiming(SimTiming.fast().withVirtHandlerInterval(BEAT)));
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theFastTimingBeatsSeveralTimesDuringAnUpgradeButARealClusterOnlyEvery90Seconds() {
    assertThat(SimTiming.fast().virtHandlerInterval()).isEqualTo(Duration.ofMillis(1500));
    assertThat(SimTiming.REAL_VIRT_HANDLER_INTERVAL).isEqualTo(Duration.ofSeconds(90));
    assertThat(ClusterSpec.standard(1, 0, 1).virtHandlerHeartbeat()).isTrue();
  }

  @Test
  void aFalseSetByHandIsSetBackToTrueAndCounted() {
    start(ClusterSpec.standard(2, 0, 1));

    mergeNode(cluster.client(), "node-1", UNSCHEDULABLE);

    // The patch is counted once the API server answered it, a moment after the label shows.
    awaitShort(
        () -> {
          assertThat(schedulable("node-1")).isEqualTo("true");
          assertThat(cluster.virtHandler().patches("node-1")).isEqualTo(1);
        });
    assertThat(cluster.virtHandler().patches("node-2")).isZero();
    assertThat(cluster.virtHandler().patches()).isEqualTo(1);
  }

  @Test
  void aNodeThatIsDownRunsNoVirtHandlerSoItsLabelStays() {
    start(ClusterSpec.standard(2, 0, 1));
    cluster.os().neverReturn("node-2");
    cluster.os().reboot("node-2", "v1.5.0");

    mergeNode(cluster.client(), "node-2", UNSCHEDULABLE);

    assertLabelStaysFalse("node-2");
  }

  @Test
  void switchedOffForTheClusterALabelSetByHandSticks() {
    start(ClusterSpec.standard(1, 0, 1).withoutVirtHandlerHeartbeat());

    mergeNode(cluster.client(), "node-1", UNSCHEDULABLE);

    assertLabelStaysFalse("node-1");
  }

  @Test
  void switchedOnAtRuntimeItSetsTheLabelBack() {
    start(ClusterSpec.standard(1, 0, 1).withoutVirtHandlerHeartbeat());
    mergeNode(cluster.client(), "node-1", UNSCHEDULABLE);

    cluster.virtHandler().enabled(true);

    awaitShort(() -> assertThat(schedulable("node-1")).isEqualTo("true"));
  }

  private void assertLabelStaysFalse(String node) {
    await()
        .during(BEAT.multipliedBy(4))
        .atMost(BEAT.multipliedBy(8))
        .until(() -> "false".equals(schedulable(node)));
    assertThat(cluster.virtHandler().patches()).isZero();
  }

  private String schedulable(String node) {
    return node(cluster.client(), node).getMetadata().getLabels().get("kubevirt.io/schedulable");
  }
}
