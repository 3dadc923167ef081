package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.kube.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * virt-controller's evacuation controller: a VMI marked for evacuation ({@code
 * status.evacuationNodeName}, set when its launcher pod's eviction was refused) and still on that
 * node gets a migration ({@code kubevirt-evacuation-*}); after a failed one, another after a
 * back-off, for as long as the mark stays.
 */
public final class EvacuationController {

  static final String VMI_LABEL = "kubevirt.io/vmi-name";
  static final String EVACUATION_ANNOTATION = "kubevirt.io/evacuationMigration";
  private static final Set<String> FINAL = Set.of("Succeeded", "Failed");

  private final Informers informers;
  private final KubernetesClient client;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final Duration backoff;
  private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

  public EvacuationController(
      Informers informers,
      KubernetesClient client,
      ScheduledExecutorService timers,
      Clock clock,
      Duration backoff) {
    this.informers = informers;
    this.client = client;
    this.timers = timers;
    this.clock = clock;
    this.backoff = backoff;
  }

  public void start() {
    Informers.listen(
        informers.vmis(),
        new Informers.Listener<>() {
          @Override
          public void added(GenericKubernetesResource vmi) {
            later(vmi.getMetadata().getNamespace(), vmi.getMetadata().getName(), Duration.ZERO);
          }

          @Override
          public void updated(GenericKubernetesResource before, GenericKubernetesResource after) {
            added(after);
          }
        });
    Informers.listen(
        informers.migrations(),
        new Informers.Listener<>() {
          @Override
          public void updated(GenericKubernetesResource before, GenericKubernetesResource after) {
            String phase = Json.of(after.get("status")).text("phase");
            if ("Failed".equals(phase)
                && after.getMetadata().getName().startsWith("kubevirt-evacuation-")) {
              String vmi = Json.of(after.get("spec")).text("vmiName");
              String key = after.getMetadata().getNamespace() + "/" + vmi;
              notBefore.put(key, clock.instant().plus(backoff));
              later(after.getMetadata().getNamespace(), vmi, backoff);
            }
          }
        });
  }

  private void later(String namespace, String vmi, Duration delay) {
    ScheduledFuture<?> unused =
        timers.schedule(() -> evacuate(namespace, vmi), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void evacuate(String namespace, String vmiName) {
    GenericKubernetesResource vmi =
        Informers.get(informers.vmis(), namespace, vmiName).orElse(null);
    if (vmi == null) {
      return;
    }
    Json status = Json.of(vmi.get("status"));
    String node = status.text("evacuationNodeName");
    if (node.isEmpty()
        || !node.equals(status.text("nodeName"))
        || !"Running".equals(status.text("phase"))
        || migrating(namespace, vmiName)
        || clock
            .instant()
            .isBefore(notBefore.getOrDefault(namespace + "/" + vmiName, Instant.MIN))) {
      return;
    }
    GenericKubernetesResource vmim = new GenericKubernetesResource();
    vmim.setApiVersion("kubevirt.io/v1");
    vmim.setKind("VirtualMachineInstanceMigration");
    vmim.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withGenerateName("kubevirt-evacuation-")
            .withLabels(Map.of(VMI_LABEL, vmiName))
            .withAnnotations(Map.of(EVACUATION_ANNOTATION, node))
            .build());
    vmim.setAdditionalProperty("spec", Map.of("vmiName", vmiName));
    try {
      client
          .genericKubernetesResources(KubeVirt.MIGRATION)
          .inNamespace(namespace)
          .resource(vmim)
          .create();
    } catch (KubernetesClientException e) {
      // Refused (another migration is in flight): the next change of the VMI brings us back.
      notBefore.put(namespace + "/" + vmiName, clock.instant().plus(backoff));
      later(namespace, vmiName, backoff);
    }
  }

  private boolean migrating(String namespace, String vmi) {
    return Informers.inNamespace(informers.migrations(), namespace).stream()
        .filter(m -> vmi.equals(Json.of(m.get("spec")).text("vmiName")))
        .anyMatch(m -> !FINAL.contains(Json.of(m.get("status")).text("phase")));
  }
}
