package io.hvst.simulator.actors;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.launcherPod;
import static io.hvst.simulator.SimTest.launcherPods;
import static io.hvst.simulator.SimTest.vmi;
import static io.hvst.simulator.SimTest.vmiStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.observe.VmInventory.SideEffect;
import io.hvst.simulator.seed.LauncherPods;
import io.hvst.simulator.seed.VmFactory;
import io.hvst.simulator.seed.VmPlan;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VMs start and stop as their runStrategy says; guests on a rebooting node die. */
class VmControllerTest {

  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.start(ClusterSpec.standard(2, 1, 1));
    client = cluster.client();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void haltingAVmRemovesItsVmiAndLauncherPodAndStartingItRunsItAgain() {
    runStrategy("vm-node-1-1", "Halted");
    awaitShort(
        () -> {
          assertThat(vmi(client, "default", "vm-node-1-1")).isEmpty();
          assertThat(launcherPods(client, "default", "vm-node-1-1")).isEmpty();
          assertThat(vmStatus("vm-node-1-1").text("printableStatus")).isEqualTo("Stopped");
        });
    assertThat(cluster.inventory().stops("default/vm-node-1-1")).isEqualTo(1);

    runStrategy("vm-node-1-1", "Always");
    awaitShort(
        () -> {
          assertThat(vmiStatus(client, "default", "vm-node-1-1").text("phase"))
              .isEqualTo("Running");
          assertThat(vmStatus("vm-node-1-1").text("printableStatus")).isEqualTo("Running");
          assertThat(vmStatus("vm-node-1-1").flag("ready")).isTrue();
        });
    String node = vmiStatus(client, "default", "vm-node-1-1").text("nodeName");
    assertThat(launcherPod(client, "default", "vm-node-1-1").getSpec().getNodeName())
        .isEqualTo(node);
    assertThat(cluster.inventory().vmsStarted()).isEqualTo(1);
    assertThat(cluster.inventory().lostVms()).isEmpty();
  }

  /**
   * Seeding writes the VM, then its Running VMI and launcher. The VM controller may see the VM
   * before the VMI and start it (the VM is busy for the power delay); a launcher deleted in that
   * window still kills the guest, which then starts again.
   */
  @Test
  void aLauncherDeletedWhileItsVmIsBusyStillKillsTheGuestWhichStartsAgain() {
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(KubeVirt.VM)
            .inNamespace("default")
            .resource(VmFactory.virtualMachine(VmPlan.of("late", "node-1")))
            .create();
    GenericKubernetesResource vmi =
        client
            .genericKubernetesResources(KubeVirt.VMI)
            .inNamespace("default")
            .resource(VmFactory.vmi(vm, "node-1", "Running", Instant.now()))
            .create();
    Pod pod =
        client
            .pods()
            .inNamespace("default")
            .resource(LauncherPods.pod(vmi, "node-1", "first", Map.of()))
            .create();

    client.pods().inNamespace("default").withName(pod.getMetadata().getName()).delete();

    awaitShort(
        () -> {
          assertThat(vmiStatus(client, "default", "late").text("phase")).isEqualTo("Running");
          assertThat(launcherPods(client, "default", "late"))
              .singleElement()
              .satisfies(
                  p ->
                      assertThat(p.getMetadata().getName())
                          .isNotEqualTo(pod.getMetadata().getName()));
        });
    assertThat(cluster.inventory().crashes()).containsKey("default/late");
  }

  @Test
  void aVmStoppedTwiceIsARepeatedSideEffect() {
    for (int i = 0; i < 2; i++) {
      runStrategy("vm-node-2-1", "Halted");
      awaitShort(
          () -> assertThat(vmStatus("vm-node-2-1").text("printableStatus")).isEqualTo("Stopped"));
      runStrategy("vm-node-2-1", "Always");
      awaitShort(
          () -> assertThat(vmStatus("vm-node-2-1").text("printableStatus")).isEqualTo("Running"));
    }
    assertThat(cluster.inventory().repeatedSideEffects())
        .contains(new SideEffect("VirtualMachine", "default/vm-node-2-1", "stopped", 2));
    assertThat(cluster.inventory().vmsStopped()).isEqualTo(2);
  }

  @Test
  void aVmLeftHaltedCountsAsLost() {
    runStrategy("vm-node-1-1", "Halted");
    awaitShort(() -> assertThat(vmi(client, "default", "vm-node-1-1")).isEmpty());
    assertThat(cluster.inventory().lostVms()).isEmpty();
    client
        .genericKubernetesResources(KubeVirt.VM)
        .inNamespace("default")
        .withName("vm-node-1-1")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"runStrategy\":\"Always\"}}");
    cluster.os().neverReturn("node-2");
    cluster.os().reboot("node-2", "v1.5.0");
    awaitShort(() -> assertThat(cluster.inventory().lostVms()).contains("default/vm-node-2-1"));
  }

  @Test
  void aNodeGoingDownKillsItsGuestsAndTheyStartAgainElsewhere() {
    cluster.os().neverReturn("node-1");
    cluster.os().reboot("node-1", "v1.5.0");
    awaitShort(
        () -> {
          Json status = vmiStatus(client, "default", "vm-node-1-1");
          assertThat(status.text("phase")).isEqualTo("Running");
          assertThat(status.text("nodeName")).isEqualTo("node-2");
        });
    assertThat(cluster.inventory().crashes()).containsKey("default/vm-node-1-1");
    assertThat(cluster.inventory().lostVms()).containsExactly("default/vm-node-1-1");
  }

  @Test
  void aVmiDeletedWithoutAStopIsALostVmThatStartsAgain() {
    client
        .genericKubernetesResources(KubeVirt.VMI)
        .inNamespace("default")
        .withName("vm-node-2-1")
        .delete();
    awaitShort(
        () -> {
          assertThat(vmiStatus(client, "default", "vm-node-2-1").text("phase"))
              .isEqualTo("Running");
          assertThat(launcherPods(client, "default", "vm-node-2-1")).hasSize(1);
        });
    assertThat(cluster.inventory().lostVms()).containsExactly("default/vm-node-2-1");
    assertThat(cluster.inventory().vmsStopped()).isZero();
  }

  private void runStrategy(String vm, String strategy) {
    client
        .genericKubernetesResources(KubeVirt.VM)
        .inNamespace("default")
        .withName(vm)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"runStrategy\":\"" + strategy + "\"}}");
  }

  private Json vmStatus(String vm) {
    return Json.of(
        client
            .genericKubernetesResources(KubeVirt.VM)
            .inNamespace("default")
            .withName(vm)
            .get()
            .get("status"));
  }
}
