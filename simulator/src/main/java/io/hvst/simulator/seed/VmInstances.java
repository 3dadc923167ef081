package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.kube.Names;
import io.hvst.simulator.kube.Writes;
import java.time.Clock;
import java.util.Map;

/** Creates VMs, their VMIs and launcher pods through the API, as KubeVirt's controllers do. */
public final class VmInstances {

  private final KubernetesClient client;
  private final Names names;
  private final Clock clock;

  public VmInstances(KubernetesClient client, Names names, Clock clock) {
    this.client = client;
    this.names = names;
    this.clock = clock;
  }

  /** A VirtualMachine, running on the plan's node unless the plan says Halted. */
  public GenericKubernetesResource create(VmPlan plan) {
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(KubeVirt.VM)
            .inNamespace(plan.namespace())
            .resource(VmFactory.virtualMachine(plan))
            .create();
    if (!"Halted".equals(plan.runStrategy())) {
      GenericKubernetesResource vmi = createVmi(vm, plan.node(), "Running");
      createLauncher(vmi, plan.node());
      setStatus(vm, "Running", true);
    }
    return vm;
  }

  public GenericKubernetesResource createVmi(
      GenericKubernetesResource vm, String node, String phase) {
    return client
        .genericKubernetesResources(KubeVirt.VMI)
        .inNamespace(vm.getMetadata().getNamespace())
        .resource(VmFactory.vmi(vm, node, phase, clock.instant()))
        .create();
  }

  /** Creates the launcher pod; throws the API server's refusal (e.g. quota) as it comes. */
  public Pod createLauncher(GenericKubernetesResource vmi, String node) {
    return createLauncher(vmi, node, Map.of());
  }

  public Pod createLauncher(
      GenericKubernetesResource vmi, String node, Map<String, String> extraLabels) {
    Pod pod = LauncherPods.pod(vmi, node, names.suffix(), extraLabels);
    return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
  }

  public void setStatus(GenericKubernetesResource vm, String printableStatus, boolean ready) {
    new Writes(client)
        .merge(
            KubeVirt.VM,
            vm.getMetadata().getNamespace(),
            vm.getMetadata().getName(),
            Map.of("status", VmFactory.vmStatus(printableStatus, ready)));
  }

  /** The VMI runs on {@code node} now, as virt-handler reports once the guest booted. */
  public void markRunning(GenericKubernetesResource vmi, String node) {
    GenericKubernetesResource running = VmFactory.vmi(vmOf(vmi), node, "Running", clock.instant());
    new Writes(client)
        .merge(
            KubeVirt.VMI,
            vmi.getMetadata().getNamespace(),
            vmi.getMetadata().getName(),
            Writes.map(
                "metadata",
                Map.of("labels", Map.of("kubevirt.io/nodeName", node)),
                "status",
                running.get("status")));
  }

  /** A stand-in VM whose template is the VMI, to derive the VMI's status the same way. */
  private static GenericKubernetesResource vmOf(GenericKubernetesResource vmi) {
    GenericKubernetesResource vm = new GenericKubernetesResource();
    vm.setMetadata(vmi.getMetadata());
    vm.setAdditionalProperty(
        "spec",
        Map.of(
            "template",
            Map.of(
                "metadata",
                Writes.map(
                    "labels",
                    vmi.getMetadata().getLabels(),
                    "annotations",
                    vmi.getMetadata().getAnnotations()),
                "spec",
                vmi.get("spec"))));
    return vm;
  }
}
