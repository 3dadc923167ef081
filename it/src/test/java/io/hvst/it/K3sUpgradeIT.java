package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.observe.ClusterHistory;
import io.hvst.simulator.observe.ClusterHistory.Interval;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link HappyPathIT}'s three-node upgrade against a real API server: k3s in a container, the
 * simulator's components attached to it ({@code SimulatedCluster.attach}) and the real controller
 * connecting with k3s's kubeconfig. Skipped, with the reason, where no Docker engine runs.
 *
 * <p>What it checks beyond the mock: the controller's requests as a real API server validates and
 * answers them (the Upgrade CRD's structural schema keeps its status, optimistic concurrency, watch
 * semantics, the real Eviction API and PodDisruptionBudget machinery, Events, Leases for leader
 * election), and the real node lifecycle controller's taints while nodes reboot and are cordoned.
 *
 * <p>What it cannot check: k3s runs with {@code --disable-agent}, so it registers no node of its
 * own (the controller upgrades every node it sees and has no node selector; a real kubelet's node
 * would be drained and "upgraded" too). The three nodes are simulated: no kubelet runs their Pods
 * (the simulator reports their status and finishes their deletes), no Job Pod ever runs (k3s's Job
 * controller is off; the simulator completes the Jobs), and the garbage collector is off (the
 * simulator's system Pods name DaemonSet and ReplicaSet owners that it simulates rather than
 * stores). KubeVirt (its webhooks, virt-handler, real migrations) is simulated as on the mock.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class K3sUpgradeIT {

  private static final String IMAGE = "rancher/k3s:v1.30.8-k3s1";
  private static final String UPGRADE = "hvst-upgrade";
  private static K3sContainer k3s;

  @BeforeAll
  static void startK3s() {
    k3s = new K3sContainer(DockerImageName.parse(IMAGE));
    k3s.withCommand(
            "server",
            "--disable-agent",
            "--disable=traefik,servicelb,metrics-server,local-storage,coredns",
            "--disable-helm-controller",
            "--disable-cloud-controller",
            "--disable-network-policy",
            "--kube-controller-manager-arg=controllers=*,-job,-garbagecollector",
            "--tls-san=" + k3s.getHost())
        // Without an agent there is no flannel to log the module's usual start-up line.
        .waitingFor(
            Wait.forLogMessage(".*Wrote kubeconfig.*", 1)
                .withStartupTimeout(Duration.ofMinutes(3)));
    k3s.start();
  }

  @AfterAll
  static void stopK3s() {
    if (k3s != null) {
      k3s.stop();
    }
  }

  @Test
  void upgradesThreeNodesOneAtATimeCordoningEachOnlyWhileItIsUpgraded() {
    ClusterSpec spec = ClusterSpec.standard(3, 2, 7);
    try (UpgradeSession session =
        UpgradeSession.attach(k3s.getKubeConfigYaml(), spec, null, Map.of())) {
      assertThat(names(session.cluster().client().nodes().list().getItems()))
          .as("only simulated nodes: k3s registered none of its own")
          .containsExactlyInAnyOrder("node-1", "node-2", "node-3");

      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");
      Upgrade done = session.awaitFinished(UPGRADE, Duration.ofMinutes(3));
      assertThat(UpgradeSession.state(done)).isEqualTo("Succeeded");

      Journal journal = session.journal(UPGRADE).orElseThrow();
      assertThat(journal.upgrade().order()).containsExactly("node-2", "node-3", "node-1");
      assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.SUCCEEDED);
      assertThat(journal.upgrade().previousVersion()).isEqualTo("v1.4.2");
      assertThat(journal.upgrade().targetVersion()).isEqualTo("v1.5.0");
      assertEachNodeUpgradedOnceInTurn(session, journal.upgrade().order());
      assertThat(session.cluster().jobs().created().values()).allMatch(n -> n.get() == 1);
      assertThat(session.cluster().inventory().lostVms()).isEmpty();

      assertThat(done.getStatus().getPreviousVersion()).isEqualTo("v1.4.2");
      assertThat(done.getStatus().getNodeStatuses().values())
          .as("node statuses kept by the real CRD's structural schema")
          .hasSize(3)
          .extracting(NodeUpgradeStatus::getState)
          .containsOnly("Succeeded");
      assertThat(done.getStatus().getConditions())
          .extracting(UpgradeCondition::getType, UpgradeCondition::getStatus)
          .contains(Tuple.tuple("NodesUpgraded", "True"), Tuple.tuple("Completed", "True"));
      List<Node> nodes = session.cluster().client().nodes().list().getItems();
      assertThat(nodes)
          .allSatisfy(
              n ->
                  assertThat(n.getStatus().getNodeInfo().getOsImage())
                      .isEqualTo("Harvester v1.5.0"));
      List<Pod> terminating =
          session.cluster().client().pods().inAnyNamespace().list().getItems().stream()
              .filter(p -> p.getMetadata().getDeletionTimestamp() != null)
              .toList();
      assertThat(names(terminating)).as("every eviction finished").isEmpty();
    }
  }

  private static void assertEachNodeUpgradedOnceInTurn(UpgradeSession session, List<String> order) {
    Journal journal = session.journal(UPGRADE).orElseThrow();
    ClusterHistory history = session.cluster().history();
    Instant previousEnd = Instant.MIN;
    Instant lastUncordon = Instant.MIN;
    for (String node : order) {
      NodeRecord rec = journal.node(node).orElseThrow();
      assertThat(rec.state()).isEqualTo(NodeState.SUCCEEDED);
      assertThat(rec.cordonedByUs()).isTrue();
      assertThat(rec.scheduling().unschedulable()).isFalse();
      assertThat(rec.scheduling().labels()).containsEntry("kubevirt.io/schedulable", "true");
      assertThat(rec.scheduling().taints())
          .as("the lifecycle controller's node.kubernetes.io taints are not persisted")
          .noneMatch(t -> t.key().startsWith("node.kubernetes.io/"));
      assertThat(rec.job()).isEqualTo("hvst-hvst-upgrade-" + node + "-upgrade-1");
      assertThat(rec.enteredAt(NodeState.PRE_DRAIN).orElseThrow()).isAfterOrEqualTo(previousEnd);
      previousEnd = rec.enteredAt(NodeState.SUCCEEDED).orElseThrow();

      List<Interval> cordons = history.cordoned(node);
      assertThat(cordons).as("cordons of %s", node).hasSize(1);
      Interval cordon = cordons.get(0);
      assertThat(cordon.to()).as("%s uncordoned at the end", node).isNotNull();
      assertThat(cordon.from())
          .as("%s cordoned after the previous uncordon", node)
          .isAfterOrEqualTo(lastUncordon);
      lastUncordon = cordon.to();
      List<ClusterHistory.NodeSample> downs =
          history.samples().stream().filter(s -> s.node().equals(node) && !s.ready()).toList();
      assertThat(downs)
          .as("%s down only for its reboot (its Lease kept the lifecycle controller quiet)", node)
          .isNotEmpty()
          .allSatisfy(d -> assertThat(d.at()).isBetween(cordon.from(), cordon.to()));
      assertThat(session.cluster().os().reboots(node)).isEqualTo(1);
    }
  }

  private static List<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).toList();
  }
}
