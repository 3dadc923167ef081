package io.hvst.simulator.api;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.migrate;
import static io.hvst.simulator.SimTest.migrationStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.Workloads;
import io.hvst.simulator.seed.VmPlan;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ResourceQuota admission of pods, and the quota controller's status.used. */
class QuotaAdmissionTest {

  private SimulatedCluster cluster;

  @BeforeEach
  void start() {
    ClusterSpec spec =
        ClusterSpec.standard(3, 0, 1)
            .withVm(VmPlan.of("a", "node-1").inNamespace("team"))
            .withVm(VmPlan.of("b", "node-1").inNamespace("team"))
            .withVm(VmPlan.of("c", "node-2").inNamespace("team"));
    cluster = SimulatedCluster.start(spec);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void keepsStatusUsedAsTheSumOfTheNamespacesRunningPods() {
    cluster.workloads().quota("team", "vms", Map.of("requests.memory", "8Gi", "pods", "10"));
    awaitShort(
        () -> {
          ResourceQuota q = quota("vms");
          assertThat(q.getStatus()).isNotNull();
          assertThat(q.getStatus().getUsed())
              .containsEntry("requests.memory", new Quantity("6912Mi"))
              .containsEntry("pods", new Quantity("3"));
          assertThat(q.getStatus().getHard()).containsEntry("requests.memory", new Quantity("8Gi"));
        });
  }

  @Test
  void refusesAPodThatWouldExceedTheQuotaWithTheApiServersText() {
    cluster.workloads().quota("team", "vms", Map.of("requests.memory", "7Gi"));
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("extra")
            .withNamespace("team")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("c")
            .withNewResources()
            .withRequests(Map.of("memory", new Quantity("2304Mi"), "cpu", new Quantity("600m")))
            .endResources()
            .endContainer()
            .endSpec()
            .build();

    assertThatThrownBy(() -> cluster.client().pods().inNamespace("team").resource(pod).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getStatus().getMessage())
                  .isEqualTo(
                      "pods \"extra\" is forbidden: exceeded quota: vms, requested:"
                          + " requests.memory=2304Mi, used: requests.memory=6912Mi, limited:"
                          + " requests.memory=7Gi");
            });
    assertThat(cluster.client().pods().inNamespace("team").withName("extra").get()).isNull();
  }

  @Test
  void aMigrationWhoseTargetPodExceedsTheQuotaFailsWithTheAdmissionMessage() {
    cluster.workloads().quotaWithoutRaise("team", "vms", Map.of("requests.memory", "7Gi"));
    assertThat(quota("vms").getMetadata().getAnnotations())
        .containsEntry(Workloads.NO_QUOTA_RAISE, "true");

    migrate(cluster.client(), "team", "move-a", "a", "node-3");

    awaitShort(
        () -> {
          var status = migrationStatus(cluster.client(), "team", "move-a");
          assertThat(status.text("phase")).isEqualTo("Failed");
          assertThat(status.at("migrationState").text("failureReason"))
              .startsWith("failed to create target pod: pods \"virt-launcher-a-")
              .contains("is forbidden: exceeded quota: vms, requested: requests.memory=2304Mi");
        });
    assertThat(cluster.inventory().migrationsFailed()).isEqualTo(1);
  }

  @Test
  void usageDropsWhenAVmStops() {
    cluster.workloads().quota("team", "vms", Map.of("requests.memory", "8Gi"));
    cluster
        .client()
        .genericKubernetesResources(io.hvst.controller.observe.KubeVirt.VM)
        .inNamespace("team")
        .withName("c")
        .edit(
            vm -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec =
                  (Map<String, Object>) vm.getAdditionalProperties().get("spec");
              spec.put("runStrategy", "Halted");
              return vm;
            });
    awaitShort(
        () ->
            assertThat(quota("vms").getStatus())
                .extracting(
                    s -> s.getUsed(), InstanceOfAssertFactories.map(String.class, Quantity.class))
                .containsEntry("requests.memory", new Quantity("4608Mi")));
  }

  private ResourceQuota quota(String name) {
    return cluster.client().resourceQuotas().inNamespace("team").withName(name).get();
  }
}
