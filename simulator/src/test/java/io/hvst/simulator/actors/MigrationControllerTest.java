package io.hvst.simulator.actors;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.launcherPod;
import static io.hvst.simulator.SimTest.launcherPods;
import static io.hvst.simulator.SimTest.migrate;
import static io.hvst.simulator.SimTest.migrationStatus;
import static io.hvst.simulator.SimTest.vmiStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimTiming;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.seed.CpuProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live migrations as KubeVirt runs them, limits and faults included. */
class MigrationControllerTest {

  private SimulatedCluster cluster;

  private KubernetesClient start(ClusterSpec spec) {
    cluster = SimulatedCluster.start(spec);
    return cluster.client();
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSuccessfulMigrationMovesTheVmiAndReplacesItsLauncherPod() {
    KubernetesClient client = start(ClusterSpec.standard(3, 1, 1));
    Pod source = launcherPod(client, "default", "vm-node-1-1");
    List<String> phases = new ArrayList<>();

    migrate(client, "default", "move", "vm-node-1-1", "node-3");

    awaitShort(
        () -> {
          Json status = migrationStatus(client, "default", "move");
          status.list("phaseTransitionTimestamps").forEach(t -> phases.add(t.text("phase")));
          assertThat(status.text("phase")).isEqualTo("Succeeded");
        });
    assertThat(phases)
        .containsSubsequence(
            "Pending",
            "Scheduling",
            "Scheduled",
            "PreparingTarget",
            "TargetReady",
            "Running",
            "Succeeded");
    Json vmi = vmiStatus(client, "default", "vm-node-1-1");
    assertThat(vmi.text("nodeName")).isEqualTo("node-3");
    assertThat(vmi.at("migrationState").flag("completed")).isTrue();
    assertThat(vmi.at("migrationState").text("sourceNode")).isEqualTo("node-1");
    assertThat(SimTestVmi.labels(client, "vm-node-1-1"))
        .containsEntry("kubevirt.io/nodeName", "node-3");
    // The migration shows Succeeded a moment before the source pod is gone, as in KubeVirt.
    awaitShort(
        () -> {
          Pod target = launcherPod(client, "default", "vm-node-1-1");
          assertThat(target.getMetadata().getName()).isNotEqualTo(source.getMetadata().getName());
          assertThat(target.getSpec().getNodeName()).isEqualTo("node-3");
        });
    assertThat(cluster.inventory().migrationsSucceeded()).isEqualTo(1);
    assertThat(cluster.inventory().lostVms()).isEmpty();
  }

  @Test
  void withoutASelectorTheTargetIsTheLeastLoadedSchedulableNode() {
    KubernetesClient client =
        start(
            ClusterSpec.standard(3, 1, 1)
                .withVm(io.hvst.simulator.seed.VmPlan.of("extra", "node-2")));
    client
        .nodes()
        .withName("node-3")
        .edit(
            n -> {
              n.getSpec().setUnschedulable(true);
              return n;
            });
    awaitShort(
        () -> assertThat(Placement.usable(client.nodes().withName("node-3").get())).isFalse());
    migrate(client, "default", "move", "vm-node-1-1", null);
    awaitShort(
        () ->
            assertThat(migrationStatus(client, "default", "move").text("phase"))
                .isEqualTo("Succeeded"));
    assertThat(vmiStatus(client, "default", "vm-node-1-1").text("nodeName")).isEqualTo("node-2");
  }

  @Test
  void aTargetLackingACpuFeatureFailsTheMigrationAsLibvirtDoes() {
    KubernetesClient client =
        start(
            ClusterSpec.standard(2, 1, 1)
                .node("node-2", n -> n.withCpu(CpuProfile.skylake().without("avx512f")))
                .vm("vm-node-1-1", v -> v.hostPassthrough()));

    migrate(client, "default", "move", "vm-node-1-1", "node-2");

    awaitShort(
        () ->
            assertThat(migrationStatus(client, "default", "move").text("phase"))
                .isEqualTo("Failed"));
    assertThat(
            migrationStatus(client, "default", "move").at("migrationState").text("failureReason"))
        .isEqualTo(
            "operation failed: guest CPU doesn't match specification: missing features: avx512f");
    assertThat(vmiStatus(client, "default", "vm-node-1-1").text("nodeName")).isEqualTo("node-1");
    awaitShort(
        () ->
            assertThat(launcherPods(client, "default", "vm-node-1-1"))
                .singleElement()
                .satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("node-1")));
    assertThat(cluster.inventory().migrationsFailed()).isEqualTo(1);
  }

  @Test
  void atMostTwoMigrationsLeaveOneNodeAndTheNextStartsWhenOneEnds() {
    ClusterSpec spec = ClusterSpec.standard(3, 3, 1);
    for (int i = 1; i <= 3; i++) {
      spec = spec.vm("vm-node-1-" + i, v -> v.hangingMigrations());
    }
    KubernetesClient client = start(spec);
    for (int i = 1; i <= 3; i++) {
      migrate(client, "default", "m" + i, "vm-node-1-" + i, null);
    }
    awaitShort(
        () ->
            assertThat(phases(client))
                .containsEntry("m1", "Running")
                .containsEntry("m2", "Running"));
    assertThat(phases(client)).containsEntry("m3", "Pending");

    client
        .genericKubernetesResources(KubeVirt.MIGRATION)
        .inNamespace("default")
        .withName("m1")
        .delete();

    awaitShort(() -> assertThat(phases(client)).containsEntry("m3", "Running"));
    awaitShort(() -> assertThat(launcherPods(client, "default", "vm-node-1-1")).hasSize(1));
    assertThat(vmiStatus(client, "default", "vm-node-1-1").at("migrationState").text("abortStatus"))
        .isEqualTo("Succeeded");
  }

  @Test
  void atMostFiveMigrationsRunInTheCluster() {
    ClusterSpec spec = ClusterSpec.standard(4, 2, 1);
    for (String vm : spec.vms().stream().map(v -> v.name()).toList()) {
      spec = spec.vm(vm, v -> v.hangingMigrations());
    }
    KubernetesClient client = start(spec);
    spec.vms().forEach(v -> migrate(client, "default", "m-" + v.name(), v.name(), null));

    awaitShort(
        () -> assertThat(phases(client).values().stream().filter("Running"::equals)).hasSize(5));
    awaitShort(
        () -> assertThat(phases(client).values().stream().filter("Pending"::equals)).hasSize(3));
    assertThat(cluster.migrations().runningCount()).isEqualTo(5);
  }

  @Test
  void aVmWhoseMigrationsFailStaysWhereItWas() {
    KubernetesClient client =
        start(ClusterSpec.standard(2, 1, 1).vm("vm-node-1-1", v -> v.failingMigrations()));
    migrate(client, "default", "move", "vm-node-1-1", "node-2");
    awaitShort(
        () ->
            assertThat(migrationStatus(client, "default", "move").text("phase"))
                .isEqualTo("Failed"));
    assertThat(
            migrationStatus(client, "default", "move").at("migrationState").text("failureReason"))
        .isEqualTo("operation failed: migration out job: unexpectedly failed");
    assertThat(vmiStatus(client, "default", "vm-node-1-1").text("nodeName")).isEqualTo("node-1");
    assertThat(vmiStatus(client, "default", "vm-node-1-1").at("migrationState").flag("failed"))
        .isTrue();
  }

  @Test
  void aHangingMigrationStaysRunning() {
    KubernetesClient client =
        start(
            ClusterSpec.standard(2, 1, 1)
                .withTiming(
                    SimTiming.fast().withMigrationDuration(java.time.Duration.ofMillis(50))));
    cluster.migrations().hangMigrationsOf("default", "vm-node-1-1");
    migrate(client, "default", "move", "vm-node-1-1", "node-2");
    awaitShort(
        () ->
            assertThat(migrationStatus(client, "default", "move").text("phase"))
                .isEqualTo("Running"));
    org.awaitility.Awaitility.await()
        .during(java.time.Duration.ofMillis(400))
        .atMost(java.time.Duration.ofSeconds(2))
        .until(() -> "Running".equals(migrationStatus(client, "default", "move").text("phase")));
    assertThat(launcherPods(client, "default", "vm-node-1-1")).hasSize(2);
  }

  @Test
  void kubevirtRefusesASecondMigrationOfTheSameVmAndOneOfAVmThatCannotMigrate() {
    KubernetesClient client =
        start(
            ClusterSpec.standard(2, 2, 1)
                .vm("vm-node-1-2", v -> v.notMigratable("DisksNotLiveMigratable")));
    cluster.migrations().hangMigrationsOf("default", "vm-node-1-1");
    GenericKubernetesResource first = migrate(client, "default", "one", "vm-node-1-1", "node-2");

    assertThatThrownBy(() -> migrate(client, "default", "two", "vm-node-1-1", "node-2"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getStatus().getMessage())
                    .isEqualTo(
                        "admission webhook \"migration-create-validator.kubevirt.io\" denied the request:"
                            + " in-flight migration detected. Active migration job ("
                            + first.getMetadata().getUid()
                            + ") is currently already in progress for VMI vm-node-1-1."));
    assertThatThrownBy(() -> migrate(client, "default", "three", "vm-node-1-2", "node-2"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getStatus().getMessage())
                    .contains(
                        "Cannot migrate VMI, Reason: DisksNotLiveMigratable, Message: cannot migrate VMI: PVC"));
  }

  private static Map<String, String> phases(KubernetesClient client) {
    Map<String, String> phases = new java.util.TreeMap<>();
    client
        .genericKubernetesResources(KubeVirt.MIGRATION)
        .inNamespace("default")
        .list()
        .getItems()
        .forEach(
            m -> phases.put(m.getMetadata().getName(), Json.of(m.get("status")).text("phase")));
    return phases;
  }

  /** Reads a VMI's labels. */
  static final class SimTestVmi {
    static Map<String, String> labels(KubernetesClient client, String name) {
      return client
          .genericKubernetesResources(KubeVirt.VMI)
          .inNamespace("default")
          .withName(name)
          .get()
          .getMetadata()
          .getLabels();
    }
  }
}
