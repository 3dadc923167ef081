package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds VirtualMachineInstance objects shaped like KubeVirt's (see the reference examples). */
public final class VmFactory {

  public static final String REPO_LABEL = "harvesterhci.io/upgradeComponent";

  private VmFactory() {}

  /** A running VMI; {@code cpuModel} is a named model, host-model or host-passthrough. */
  public static GenericKubernetesResource vmi(
      String namespace,
      String name,
      String node,
      String cpuModel,
      String memory,
      Map<String, String> labels) {
    GenericKubernetesResource vmi = new GenericKubernetesResource();
    vmi.setApiVersion("kubevirt.io/v1");
    vmi.setKind("VirtualMachineInstance");
    Map<String, String> allLabels = new LinkedHashMap<>(labels);
    allLabels.put("kubevirt.io/vm", name);
    vmi.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(allLabels)
            .build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("evictionStrategy", "LiveMigrate");
    spec.put(
        "domain",
        Map.of(
            "cpu", Map.of("model", cpuModel, "cores", 2),
            "memory", Map.of("guest", memory),
            "resources", Map.of("requests", Map.of("memory", memory, "cpu", "500m")),
            "devices",
                Map.of(
                    "disks",
                    List.of(Map.of("name", "rootdisk", "disk", Map.of("bus", "virtio"))))));
    vmi.setAdditionalProperty("spec", spec);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", "Running");
    status.put("nodeName", node);
    status.put("conditions", List.of(Map.of("type", "LiveMigratable", "status", "True")));
    vmi.setAdditionalProperty("status", status);
    return vmi;
  }

  /** Harvester's upgrade-repo VM for an Upgrade; it uses host-passthrough since v1.6. */
  public static GenericKubernetesResource repoVm(String upgrade, String node) {
    return vmi(
        "harvester-system",
        "upgrade-repo-" + upgrade,
        node,
        "host-passthrough",
        "4Gi",
        Map.of(REPO_LABEL, "repo", "harvesterhci.io/upgrade", upgrade));
  }
}
