package io.hvst.simulator.api;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.evict;
import static io.hvst.simulator.SimTest.launcherPod;
import static io.hvst.simulator.SimTest.launcherPods;
import static io.hvst.simulator.SimTest.vmiStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimTest.Answer;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.kube.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Eviction API as the API server and KubeVirt's eviction webhook answer it. */
class EvictionApiTest {

  private SimulatedCluster cluster;

  private SimulatedCluster start(ClusterSpec spec) {
    cluster = SimulatedCluster.start(spec);
    return cluster;
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void evictingAPodThatIsGoneAnswers404() {
    start(ClusterSpec.standard(1, 0, 1));
    Answer answer = evict(cluster, "default", "no-such-pod");
    assertThat(answer.code()).isEqualTo(404);
    assertThat(answer.message()).isEqualTo("pods \"no-such-pod\" not found");
  }

  @Test
  void evictingAPodWithoutBudgetDeletesItAndItsDeploymentReplacesIt() {
    start(ClusterSpec.standard(3, 0, 1));
    Pod pod = cluster.workloads().deployment("default", "web", "node-1").get(0);
    Answer answer = evict(cluster, "default", pod.getMetadata().getName());
    assertThat(answer.code()).isEqualTo(201);
    KubernetesClient client = cluster.client();
    assertThat(client.pods().inNamespace("default").withName(pod.getMetadata().getName()).get())
        .isNull();
    awaitShort(
        () ->
            assertThat(
                    client.pods().inNamespace("default").withLabel("app", "web").list().getItems())
                .singleElement()
                .satisfies(p -> assertThat(p.getSpec().getNodeName()).isNotEqualTo("node-1")));
  }

  @Test
  void daemonSetAndMirrorPodsAreEvictableByTheApi() {
    start(ClusterSpec.standard(1, 0, 1));
    KubernetesClient client = cluster.client();
    Pod handler =
        client
            .pods()
            .inNamespace("harvester-system")
            .withLabel("kubevirt.io", "virt-handler")
            .list()
            .getItems()
            .get(0);
    assertThat(evict(cluster, "harvester-system", handler.getMetadata().getName()).code())
        .isEqualTo(201);
    assertThat(evict(cluster, "kube-system", "kube-apiserver-node-1").code()).isEqualTo(201);
  }

  @Test
  void aBudgetThatAllowsNoDisruptionRefusesWith429AndKubernetesMessage() {
    start(ClusterSpec.standard(3, 0, 1));
    cluster.workloads().blockingPdb("default", "db", "node-1", "node-2");
    Pod pod =
        cluster
            .client()
            .pods()
            .inNamespace("default")
            .withLabel("app", "db")
            .list()
            .getItems()
            .get(0);
    awaitShort(() -> assertThat(pdbStatus("db-pdb").text("expectedPods")).isEqualTo("2"));

    Answer answer = evict(cluster, "default", pod.getMetadata().getName());

    assertThat(answer.code()).isEqualTo(429);
    assertThat(answer.message())
        .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
    assertThat(answer.body())
        .contains("The disruption budget db-pdb needs 2 healthy pods and has 2");
    assertThat(
            cluster
                .client()
                .pods()
                .inNamespace("default")
                .withName(pod.getMetadata().getName())
                .get())
        .isNotNull();
  }

  @Test
  void aBudgetAllowingOneDisruptionLetsOneEvictionThroughAndRefusesTheNext() {
    start(ClusterSpec.standard(3, 0, 1));
    List<Pod> pods = cluster.workloads().deployment("default", "web", "node-1", "node-2");
    cluster.workloads().pdbMaxUnavailable("default", "web", 1);
    awaitShort(() -> assertThat(pdbStatus("web-pdb").text("disruptionsAllowed")).isEqualTo("1"));

    assertThat(evict(cluster, "default", pods.get(0).getMetadata().getName()).code())
        .isEqualTo(201);
    assertThat(evict(cluster, "default", pods.get(1).getMetadata().getName()).code())
        .isEqualTo(429);
  }

  @Test
  void aBudgetBlockingForAWhileCountsThatWhileFromItsFirstRefusal() {
    start(ClusterSpec.standard(3, 0, 1));
    cluster
        .workloads()
        .pdbBlockingFor("default", "api", Duration.ofMillis(800), "node-1", "node-2");
    Pod pod =
        cluster
            .client()
            .pods()
            .inNamespace("default")
            .withLabel("app", "api")
            .list()
            .getItems()
            .stream()
            .filter(p -> "node-1".equals(p.getSpec().getNodeName()))
            .findFirst()
            .orElseThrow();
    awaitShort(() -> assertThat(pdbStatus("api-pdb").text("expectedPods")).isEqualTo("3"));
    // Longer than the block, with nobody evicting: the budget stays shut.
    await()
        .during(Duration.ofMillis(1200))
        .atMost(Duration.ofSeconds(3))
        .until(() -> "0".equals(pdbStatus("api-pdb").text("disruptionsAllowed")));

    Instant firstRefusal = Instant.now();
    assertThat(evict(cluster, "default", pod.getMetadata().getName()).code()).isEqualTo(429);

    awaitShort(
        () ->
            assertThat(evict(cluster, "default", pod.getMetadata().getName()).code())
                .isEqualTo(201));
    assertThat(Duration.between(firstRefusal, Instant.now())).isGreaterThan(Duration.ofMillis(700));
  }

  @Test
  void evictingTheLauncherPodOfALiveMigrateVmStartsAnEvacuationInsteadOfKillingIt() {
    start(ClusterSpec.standard(3, 1, 1));
    KubernetesClient client = cluster.client();
    Pod pod = launcherPod(client, "default", "vm-node-1-1");

    Answer first = evict(cluster, "default", pod.getMetadata().getName());

    assertThat(first.code()).isEqualTo(429);
    assertThat(first.message())
        .isEqualTo(
            "admission webhook \"virt-launcher-eviction-interceptor.kubevirt.io\" denied the"
                + " request: Eviction triggered evacuation of VMI \"default/vm-node-1-1\"");
    assertThat(vmiStatus(client, "default", "vm-node-1-1").text("evacuationNodeName"))
        .isEqualTo("node-1");
    Answer again = evict(cluster, "default", pod.getMetadata().getName());
    assertThat(again.code()).isEqualTo(429);
    assertThat(again.message())
        .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");

    awaitShort(
        () -> {
          Json status = vmiStatus(client, "default", "vm-node-1-1");
          assertThat(status.text("nodeName")).isNotEqualTo("node-1");
          assertThat(status.text("evacuationNodeName")).isEmpty();
          assertThat(status.at("migrationState").flag("completed")).isTrue();
        });
    List<GenericKubernetesResource> vmims =
        client
            .genericKubernetesResources(KubeVirt.MIGRATION)
            .inNamespace("default")
            .list()
            .getItems();
    assertThat(vmims)
        .singleElement()
        .satisfies(
            m -> assertThat(m.getMetadata().getName()).matches("kubevirt-evacuation-[a-z0-9]{5}"));
    awaitShort(
        () ->
            assertThat(evict(cluster, "default", pod.getMetadata().getName()).code())
                .isEqualTo(404));
    assertThat(cluster.inventory().lostVms()).isEmpty();
    assertThat(cluster.inventory().migrationsSucceeded()).isEqualTo(1);
  }

  @Test
  void aLiveMigrateVmThatCannotMigrateIsRefusedByTheWebhook() {
    start(
        ClusterSpec.standard(2, 1, 1)
            .vm("vm-node-1-1", v -> v.notMigratable("DisksNotLiveMigratable")));
    Pod pod = launcherPod(cluster.client(), "default", "vm-node-1-1");

    Answer answer = evict(cluster, "default", pod.getMetadata().getName());

    assertThat(answer.code()).isEqualTo(429);
    assertThat(answer.message())
        .endsWith(
            "VMI vm-node-1-1 is configured with an eviction strategy but is not live-migratable");
    assertThat(vmiStatus(cluster.client(), "default", "vm-node-1-1").text("evacuationNodeName"))
        .isEmpty();
  }

  @Test
  void evictingTheLauncherPodOfAVmWithoutEvictionStrategyKillsTheGuestAndTheVmRestarts() {
    start(ClusterSpec.standard(2, 1, 1).vm("vm-node-1-1", v -> v.withEvictionStrategy("None")));
    KubernetesClient client = cluster.client();
    Pod pod = launcherPod(client, "default", "vm-node-1-1");

    assertThat(evict(cluster, "default", pod.getMetadata().getName()).code()).isEqualTo(201);

    awaitShort(
        () -> {
          assertThat(vmiStatus(client, "default", "vm-node-1-1").text("phase"))
              .isEqualTo("Running");
          assertThat(launcherPods(client, "default", "vm-node-1-1"))
              .hasSize(1)
              .allSatisfy(
                  p ->
                      assertThat(p.getMetadata().getName())
                          .isNotEqualTo(pod.getMetadata().getName()));
        });
    assertThat(cluster.inventory().lostVms()).containsExactly("default/vm-node-1-1");
    assertThat(cluster.inventory().crashes().get("default/vm-node-1-1")).contains("was deleted");
  }

  private Json pdbStatus(String name) {
    var pdb =
        cluster
            .client()
            .policy()
            .v1()
            .podDisruptionBudget()
            .inNamespace("default")
            .withName(name)
            .get();
    return Json.of(
        cluster
            .client()
            .getKubernetesSerialization()
            .convertValue(pdb.getStatus(), java.util.Map.class));
  }
}
