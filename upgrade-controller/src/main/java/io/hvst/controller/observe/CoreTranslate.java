package io.hvst.controller.observe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.cluster.Resources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pods and ResourceQuotas as the core sees them. */
public final class CoreTranslate {

  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  static final String LAUNCHER_VMI_LABEL = "vm.kubevirt.io/name";

  private CoreTranslate() {}

  public static PodView pod(Pod pod) {
    Map<String, String> labels = Translate.orEmpty(pod.getMetadata().getLabels());
    Map<String, String> annotations = Translate.orEmpty(pod.getMetadata().getAnnotations());
    String owner = controllerKind(pod.getMetadata().getOwnerReferences());
    boolean launcher = "virt-launcher".equals(labels.get("kubevirt.io"));
    return new PodView(
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        pod.getSpec() == null ? "" : pod.getSpec().getNodeName(),
        pod.getStatus() == null ? "" : pod.getStatus().getPhase(),
        labels,
        owner,
        annotations.containsKey(MIRROR_ANNOTATION),
        launcher ? labels.getOrDefault(LAUNCHER_VMI_LABEL, "") : "",
        requests(pod),
        pod.getMetadata().getDeletionTimestamp() != null);
  }

  public static QuotaView quota(ResourceQuota quota) {
    return new QuotaView(
        quota.getMetadata().getNamespace(),
        quota.getMetadata().getName(),
        amounts(quota.getSpec() == null ? null : quota.getSpec().getHard()),
        amounts(quota.getStatus() == null ? null : quota.getStatus().getUsed()),
        Translate.orEmpty(quota.getMetadata().getAnnotations()),
        quota.getMetadata().getResourceVersion(),
        amounts(quota.getStatus() == null ? null : quota.getStatus().getHard()));
  }

  static Map<String, Long> amounts(Map<String, Quantity> quantities) {
    Map<String, Long> out = new TreeMap<>();
    if (quantities != null) {
      quantities.forEach((k, v) -> out.put(k, Translate.amount(k, v)));
    }
    return out;
  }

  private static Resources requests(Pod pod) {
    long cpu = 0;
    long memory = 0;
    List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
    for (Container c : containers) {
      if (c.getResources() == null || c.getResources().getRequests() == null) {
        continue;
      }
      cpu += Translate.milliCpu(c.getResources().getRequests().get("cpu"));
      memory += Translate.bytes(c.getResources().getRequests().get("memory"));
    }
    return new Resources(cpu, memory);
  }

  private static String controllerKind(List<OwnerReference> owners) {
    if (owners == null) {
      return "";
    }
    return owners.stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .map(OwnerReference::getKind)
        .findFirst()
        .orElse(owners.isEmpty() ? "" : owners.get(0).getKind());
  }
}
