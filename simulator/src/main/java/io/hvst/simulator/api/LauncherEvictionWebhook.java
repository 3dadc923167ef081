package io.hvst.simulator.api;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.kube.Writes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * KubeVirt's virt-launcher-eviction-interceptor webhook, with the PodDisruptionBudget KubeVirt
 * keeps for each VMI that must migrate rather than die. Evicting such a VMI's launcher pod marks
 * the VMI for evacuation ({@code status.evacuationNodeName}; KubeVirt's evacuation controller then
 * migrates it) and is refused with 429 while the VMI runs there.
 */
final class LauncherEvictionWebhook {

  static final String PREFIX =
      "admission webhook \"virt-launcher-eviction-interceptor.kubevirt.io\" denied the request: ";
  static final String PDB_MESSAGE =
      "Cannot evict pod as it would violate the pod's disruption budget.";
  private static final Set<String> FINAL = Set.of("Succeeded", "Failed");

  private final Store store;

  LauncherEvictionWebhook(Store store) {
    this.store = store;
  }

  /** A refusal, or empty when the eviction may go on to the PodDisruptionBudget check. */
  Optional<MockResponse> admit(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null || !"virt-launcher".equals(labels.get("kubevirt.io"))) {
      return Optional.empty();
    }
    String namespace = pod.getMetadata().getNamespace();
    String vmiName = pod.getMetadata().getAnnotations().getOrDefault("kubevirt.io/domain", "");
    String vmiPath =
        "/apis/kubevirt.io/v1/namespaces/" + namespace + "/virtualmachineinstances/" + vmiName;
    Optional<GenericKubernetesResource> vmi = store.get(vmiPath, GenericKubernetesResource.class);
    if (vmi.isEmpty()) {
      return Optional.of(
          refuse(
              pod,
              PREFIX
                  + "kubevirt failed getting the vmi: virtualmachineinstances.kubevirt.io"
                  + " \""
                  + vmiName
                  + "\" not found"));
    }
    Json status = Json.of(vmi.get().get("status"));
    if (FINAL.contains(status.text("phase"))) {
      return Optional.empty();
    }
    String strategy = Json.of(vmi.get().get("spec")).text("evictionStrategy");
    boolean migratable = migratable(status);
    boolean protect =
        switch (strategy) {
          case "LiveMigrate", "External" -> true;
          case "LiveMigrateIfPossible" -> migratable;
          default -> false;
        };
    if (!protect) {
      return Optional.empty();
    }
    if ("LiveMigrate".equals(strategy) && !migratable) {
      return Optional.of(
          refuse(
              pod,
              PREFIX
                  + "VMI "
                  + vmiName
                  + " is configured with an eviction strategy but is not live-migratable"));
    }
    boolean marked = !status.text("evacuationNodeName").isEmpty();
    String node = pod.getSpec().getNodeName();
    if (!marked && node != null && node.equals(status.text("nodeName"))) {
      store.jsonPatch(vmiPath, List.of(Writes.op("add", "/status/evacuationNodeName", node)));
      return Optional.of(
          refuse(
              pod,
              PREFIX
                  + "Eviction triggered evacuation of VMI \""
                  + namespace
                  + "/"
                  + vmiName
                  + "\""));
    }
    return Optional.of(kubevirtBudget(pod, vmi.get()));
  }

  private static boolean migratable(Json status) {
    return status.list("conditions").stream()
        .anyMatch(c -> "LiveMigratable".equals(c.text("type")) && "True".equals(c.text("status")));
  }

  private static MockResponse kubevirtBudget(Pod pod, GenericKubernetesResource vmi) {
    String budget = "kubevirt-disruption-budget-" + vmi.getMetadata().getUid().substring(0, 5);
    return Statuses.failure(
        429,
        "TooManyRequests",
        PDB_MESSAGE,
        "pods",
        pod.getMetadata().getName(),
        List.of(
            new StatusCauseBuilder()
                .withReason("DisruptionBudget")
                .withMessage(
                    "The disruption budget " + budget + " needs 1 healthy pods and has 1 currently")
                .build()));
  }

  private static MockResponse refuse(Pod pod, String message) {
    return Statuses.failure(429, "TooManyRequests", message, "pods", pod.getMetadata().getName());
  }
}
