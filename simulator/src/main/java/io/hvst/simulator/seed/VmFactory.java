package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.hvst.simulator.kube.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds VirtualMachine and VirtualMachineInstance objects shaped like KubeVirt's: the VM carries
 * the VMI's spec as its template; a VMI is made from its VM's template, owned by the VM.
 */
public final class VmFactory {

  public static final String REPO_LABEL = "harvesterhci.io/upgradeComponent";

  /**
   * Simulator-only: on a VM template, makes its VMIs report LiveMigratable=False with this reason
   * (what KubeVirt derives from RWO volumes or host devices).
   */
  public static final String NOT_MIGRATABLE_ANNOTATION = "sim.hvst.io/not-live-migratable";

  static final String API_VERSION = "kubevirt.io/v1";

  private VmFactory() {}

  public static GenericKubernetesResource virtualMachine(VmPlan plan) {
    GenericKubernetesResource vm = new GenericKubernetesResource();
    vm.setApiVersion(API_VERSION);
    vm.setKind("VirtualMachine");
    vm.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(plan.namespace())
            .withName(plan.name())
            .withLabels(plan.labels())
            .build());
    Map<String, Object> templateMeta = new LinkedHashMap<>();
    Map<String, String> templateLabels = new LinkedHashMap<>(plan.labels());
    templateLabels.put("harvesterhci.io/vmName", plan.name());
    templateMeta.put("labels", templateLabels);
    if (!plan.migratable()) {
      templateMeta.put(
          "annotations", Map.of(NOT_MIGRATABLE_ANNOTATION, plan.notMigratableReason()));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("runStrategy", plan.runStrategy());
    spec.put("template", Map.of("metadata", templateMeta, "spec", vmiSpec(plan)));
    vm.setAdditionalProperty("spec", spec);
    vm.setAdditionalProperty("status", vmStatus("Stopped", false));
    return vm;
  }

  public static Map<String, Object> vmStatus(String printableStatus, boolean ready) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("printableStatus", printableStatus);
    status.put("ready", ready);
    status.put("created", !"Stopped".equals(printableStatus));
    return status;
  }

  private static Map<String, Object> vmiSpec(VmPlan plan) {
    Map<String, Object> cpu = new LinkedHashMap<>();
    cpu.put("model", plan.cpuModel());
    cpu.put("cores", 2);
    if (!plan.cpuFeatures().isEmpty()) {
      cpu.put(
          "features",
          plan.cpuFeatures().stream().map(f -> Map.of("name", f, "policy", "require")).toList());
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("evictionStrategy", plan.evictionStrategy());
    spec.put(
        "domain",
        Map.of(
            "cpu", cpu,
            "memory", Map.of("guest", plan.memory()),
            "resources", Map.of("requests", Map.of("memory", plan.memory(), "cpu", plan.cpu())),
            "devices",
                Map.of(
                    "disks",
                    List.of(Map.of("name", "rootdisk", "disk", Map.of("bus", "virtio"))))));
    if (!plan.nodeSelector().isEmpty()) {
      spec.put("nodeSelector", plan.nodeSelector());
    }
    return spec;
  }

  /** The VMI KubeVirt creates from the VM's template, in {@code phase} on {@code node}. */
  public static GenericKubernetesResource vmi(
      GenericKubernetesResource vm, String node, String phase, Instant now) {
    Json template = Json.of(vm.get("spec")).at("template");
    String name = vm.getMetadata().getName();
    GenericKubernetesResource vmi = new GenericKubernetesResource();
    vmi.setApiVersion(API_VERSION);
    vmi.setKind("VirtualMachineInstance");
    Map<String, String> labels =
        new LinkedHashMap<>(template.at("metadata").at("labels").strings());
    labels.put("kubevirt.io/vm", name);
    if (node != null) {
      labels.put("kubevirt.io/nodeName", node);
    }
    Map<String, String> annotations = template.at("metadata").at("annotations").strings();
    vmi.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(vm.getMetadata().getNamespace())
            .withName(name)
            .withLabels(labels)
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .withOwnerReferences(owner(vm))
            .build());
    vmi.setAdditionalProperty("spec", template.map().get("spec"));
    vmi.setAdditionalProperty(
        "status", vmiStatus(node, phase, annotations.get(NOT_MIGRATABLE_ANNOTATION), now));
    return vmi;
  }

  private static Map<String, Object> vmiStatus(
      String node, String phase, String notMigratable, Instant now) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    if (node != null) {
      status.put("nodeName", node);
    }
    List<Map<String, Object>> conditions = new ArrayList<>();
    conditions.add(condition("Ready", "Running".equals(phase), "", "", now));
    conditions.add(
        notMigratable == null
            ? condition("LiveMigratable", true, "", "", now)
            : condition("LiveMigratable", false, notMigratable, message(notMigratable), now));
    status.put("conditions", conditions);
    status.put("migrationMethod", "BlockMigration");
    return status;
  }

  private static Map<String, Object> condition(
      String type, boolean status, String reason, String message, Instant now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status ? "True" : "False");
    c.put("lastTransitionTime", now.toString());
    if (!reason.isEmpty()) {
      c.put("reason", reason);
      c.put("message", message);
    }
    return c;
  }

  /** KubeVirt's message for a LiveMigratable=False reason. */
  static String message(String reason) {
    return switch (reason) {
      case "DisksNotLiveMigratable" ->
          "cannot migrate VMI: PVC rootdisk is not shared, live migration requires that all PVCs"
              + " must be shared (using ReadWriteMany access mode)";
      case "HostDeviceNotLiveMigratable" -> "VMI uses a PCI host devices";
      case "InterfaceNotLiveMigratable" -> "cannot migrate VMI which does not use masquerade";
      default -> "cannot migrate VMI";
    };
  }

  private static OwnerReference owner(GenericKubernetesResource vm) {
    return new OwnerReferenceBuilder()
        .withApiVersion(API_VERSION)
        .withKind("VirtualMachine")
        .withName(vm.getMetadata().getName())
        .withUid(vm.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** A running VMI without a VM; {@code cpuModel} is a named model, host-model or passthrough. */
  public static GenericKubernetesResource vmi(
      String namespace,
      String name,
      String node,
      String cpuModel,
      String memory,
      Map<String, String> labels) {
    VmPlan plan =
        VmPlan.of(name, node)
            .inNamespace(namespace)
            .withCpu(cpuModel)
            .withResources(memory, "500m")
            .withLabels(labels);
    GenericKubernetesResource vmi = vmi(virtualMachine(plan), node, "Running", Instant.now());
    vmi.getMetadata().setOwnerReferences(null);
    return vmi;
  }

  /** Harvester's upgrade-repo VMI for an Upgrade, without its VM (see {@link VmPlan#repo}). */
  public static GenericKubernetesResource repoVm(String upgrade, String node) {
    GenericKubernetesResource vmi =
        vmi(virtualMachine(VmPlan.repo(upgrade, node)), node, "Running", Instant.now());
    vmi.getMetadata().setOwnerReferences(null);
    return vmi;
  }
}
