package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.kube.Quantities;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * virt-launcher pods as virt-controller makes them: one per running VMI, plus migration targets.
 */
public final class LauncherPods {

  public static final String APP_LABEL = "kubevirt.io";
  public static final String VMI_LABEL = "vm.kubevirt.io/name";
  public static final String CREATED_BY_LABEL = "kubevirt.io/created-by";
  public static final String MIGRATION_JOB_LABEL = "kubevirt.io/migrationJobUID";
  public static final String DOMAIN_ANNOTATION = "kubevirt.io/domain";
  static final long OVERHEAD_MEMORY = 256L * 1024 * 1024;
  static final long OVERHEAD_MILLI_CPU = 100;

  private LauncherPods() {}

  /** A Running launcher pod for {@code vmi} on {@code node}; {@code suffix} ends its name. */
  public static Pod pod(
      GenericKubernetesResource vmi, String node, String suffix, Map<String, String> extraLabels) {
    String vmiName = vmi.getMetadata().getName();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(APP_LABEL, "virt-launcher");
    labels.put(VMI_LABEL, vmiName);
    labels.put(CREATED_BY_LABEL, vmi.getMetadata().getUid());
    labels.putAll(extraLabels);
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(vmi.getMetadata().getNamespace())
        .withName("virt-launcher-" + vmiName + "-" + suffix)
        .withLabels(labels)
        .withAnnotations(Map.of(DOMAIN_ANNOTATION, vmiName))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(VmFactory.API_VERSION)
                .withKind("VirtualMachineInstance")
                .withName(vmiName)
                .withUid(vmi.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .withRestartPolicy("Never")
        .withNodeSelector(Map.of(NodeFactory.SCHEDULABLE_LABEL, "true"))
        .addNewContainer()
        .withName("compute")
        .withImage("registry.suse.com/suse/sles/15.6/virt-launcher:1.3.1")
        .withNewResources()
        .withRequests(requests(vmi))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
        .withStartTime(Instant.now().toString())
        .endStatus()
        .build();
  }

  /** The VM's requests plus what virt-launcher, libvirt and QEMU need beside the guest. */
  public static Map<String, Quantity> requests(GenericKubernetesResource vmi) {
    Json domain = Json.of(vmi.get("spec")).at("domain");
    Json requests = domain.at("resources").at("requests");
    String memoryText =
        requests.text("memory").isEmpty()
            ? domain.at("memory").text("guest")
            : requests.text("memory");
    long memory = Quantities.amount("memory", memoryText) + OVERHEAD_MEMORY;
    long cpu = Quantities.amount("cpu", requests.text("cpu")) + OVERHEAD_MILLI_CPU;
    return Map.of(
        "memory", new Quantity(Quantities.format("memory", memory)),
        "cpu", new Quantity(Quantities.format("cpu", cpu)));
  }
}
