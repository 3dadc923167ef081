package io.hvst.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hvst.statemachine.cluster.CpuSpec;
import io.hvst.statemachine.cluster.EvictionStrategy;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.NodeRole;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.VmView;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranslateTest {

  @Test
  void readsANodeAsTheCoreSeesIt() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n-1")
            .withLabels(Map.of("node-role.kubernetes.io/control-plane", "true"))
            .endMetadata()
            .withNewSpec()
            .withUnschedulable(true)
            .addNewTaint()
            .withKey("k")
            .withValue("v")
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .withNewNodeInfo()
            .withOsImage("Harvester v1.4.2")
            .endNodeInfo()
            .withAllocatable(Map.of("cpu", new Quantity("3500m"), "memory", new Quantity("8Gi")))
            .endStatus()
            .build();
    NodeView view = Translate.node(node);
    assertThat(view.ready()).isTrue();
    assertThat(view.unschedulable()).isTrue();
    assertThat(view.roles()).containsExactly(NodeRole.CONTROL_PLANE);
    assertThat(view.osImage()).isEqualTo("Harvester v1.4.2");
    assertThat(view.allocatable().milliCpu()).isEqualTo(3500);
    assertThat(view.allocatable().memoryBytes()).isEqualTo(8L << 30);
    assertThat(view.taints()).singleElement().hasToString("k=v:NoSchedule");
  }

  @Test
  void treatsANodeWithoutAReadyConditionAsNotReady() {
    assertThat(
            Translate.node(new NodeBuilder().withNewMetadata().withName("x").endMetadata().build())
                .ready())
        .isFalse();
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "Complete, True, SUCCEEDED",
    "Failed, True, FAILED",
    "Complete, False, ACTIVE",
    "'', '', ACTIVE"
  })
  void readsAJobsPhaseFromItsConditions(String type, String status, JobView.Phase phase) {
    JobBuilder job =
        new JobBuilder().withNewMetadata().withName("j").withNamespace("ns").endMetadata();
    if (!type.isEmpty()) {
      job.withNewStatus()
          .addNewCondition()
          .withType(type)
          .withStatus(status)
          .withMessage("m")
          .endCondition()
          .endStatus();
    }
    Job built = job.build();
    assertThat(Translate.job(built).phase()).isEqualTo(phase);
  }

  @Test
  void readsTheVmiFieldsPlacementAndDrainDecideOn() {
    String yaml =
        """
        apiVersion: kubevirt.io/v1
        kind: VirtualMachineInstance
        metadata:
          name: repo
          namespace: harvester-system
          labels: {harvesterhci.io/upgradeComponent: repo}
          ownerReferences: [{apiVersion: kubevirt.io/v1, kind: VirtualMachine, name: repo-vm, uid: u}]
        spec:
          evictionStrategy: LiveMigrate
          nodeSelector: {zone: a}
          domain:
            cpu: {model: host-passthrough, features: [{name: avx512f, policy: require}, {name: pcid, policy: optional}]}
            resources: {requests: {memory: 4Gi, cpu: 500m}}
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms: [{matchExpressions: [{key: gpu, operator: In, values: ["yes"]}]}]
        status:
          nodeName: n-1
          phase: Running
          conditions: [{type: LiveMigratable, status: "False", reason: DisksNotLiveMigratable}]
          migrationState: {sourceNode: n-1, targetNode: n-2, completed: false}
        """;
    GenericKubernetesResource vmi =
        new KubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    VmView vm = KubeVirtTranslate.vmi(vmi);
    assertThat(vm.isRepoVm()).isTrue();
    assertThat(vm.nodeName()).isEqualTo("n-1");
    assertThat(vm.cpu())
        .isEqualTo(new CpuSpec(CpuSpec.HOST_PASSTHROUGH, java.util.List.of("avx512f")));
    assertThat(vm.requests().memoryBytes()).isEqualTo(4L << 30);
    assertThat(vm.requests().milliCpu()).isEqualTo(500);
    assertThat(vm.evictionStrategy()).isEqualTo(EvictionStrategy.LIVE_MIGRATE);
    assertThat(vm.liveMigratable()).isFalse();
    assertThat(vm.notMigratableReason()).isEqualTo("DisksNotLiveMigratable");
    assertThat(vm.nodeSelector()).containsEntry("zone", "a");
    assertThat(vm.requiredAffinity())
        .singleElement()
        .satisfies(t -> assertThat(t.matches(Map.of("gpu", "yes"))).isTrue());
    assertThat(vm.owner()).isEqualTo("repo-vm");
    assertThat(vm.migrating()).isTrue();
  }
}
