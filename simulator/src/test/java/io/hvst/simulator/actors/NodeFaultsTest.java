package io.hvst.simulator.actors;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.launcherPod;
import static io.hvst.simulator.SimTest.node;
import static io.hvst.simulator.SimTest.vmiStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.observe.ClusterHistory.NodeSample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nodes that drop out for a while, reboot slowly, or are removed with their machine. */
class NodeFaultsTest {

  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.start(ClusterSpec.standard(3, 1, 1));
    client = cluster.client();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aNodeNotReadyForAWhileComesBackWithItsPodsStillRunning() {
    cluster.nodeFaults().notReadyFor("node-1", Duration.ofMillis(500));

    assertThat(ready(node(client, "node-1")).getStatus()).isEqualTo("Unknown");
    assertThat(ready(node(client, "node-1")).getReason()).isEqualTo("NodeStatusUnknown");
    awaitShort(() -> assertThat(ready(node(client, "node-1")).getStatus()).isEqualTo("True"));
    assertThat(launcherPod(client, "default", "vm-node-1-1").getStatus().getPhase())
        .isEqualTo("Running");
    assertThat(cluster.inventory().lostVms()).isEmpty();
    assertThat(cluster.os().reboots("node-1")).isZero();
  }

  @Test
  void aSlowRebootKeepsTheNodeDownForTheGivenTimeThenItComesBackUpgraded() {
    cluster.os().returnAfter("node-2", Duration.ofMillis(1500));

    cluster.os().reboot("node-2", "v1.5.0");

    // The history is fed by an informer, so wait on what it saw, not on the API server.
    awaitShort(
        () -> {
          NodeSample last = last(samplesOf("node-2"));
          assertThat(last.ready()).isTrue();
          assertThat(last.osImage()).isEqualTo("Harvester v1.5.0");
        });
    List<NodeSample> node2 = samplesOf("node-2");
    NodeSample down = node2.stream().filter(s -> !s.ready()).findFirst().orElseThrow();
    NodeSample up = last(node2);
    assertThat(Duration.between(down.at(), up.at())).isGreaterThan(Duration.ofMillis(1400));
  }

  @Test
  void aRemovedMachineTakesItsNodeAndPodsAlongAndItsVmRestartsElsewhere() {
    cluster.nodeFaults().remove("node-2");

    assertThat(node(client, "node-2")).isNull();
    assertThat(client.pods().inAnyNamespace().list().getItems())
        .noneMatch(p -> "node-2".equals(p.getSpec().getNodeName()));
    awaitShort(
        () -> {
          assertThat(vmiStatus(client, "default", "vm-node-2-1").text("phase"))
              .isEqualTo("Running");
          assertThat(vmiStatus(client, "default", "vm-node-2-1").text("nodeName"))
              .isIn("node-1", "node-3");
        });
    assertThat(cluster.inventory().crashes()).containsKey("default/vm-node-2-1");

    cluster.os().reboot("node-2", "v1.5.0");
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(2))
        .until(() -> node(client, "node-2") == null);
    assertThat(cluster.os().reboots("node-2")).isZero();
  }

  private List<NodeSample> samplesOf(String node) {
    return cluster.history().samples().stream().filter(s -> s.node().equals(node)).toList();
  }

  private static NodeSample last(List<NodeSample> samples) {
    assertThat(samples).isNotEmpty();
    return samples.get(samples.size() - 1);
  }

  private static NodeCondition ready(Node node) {
    return node.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }
}
