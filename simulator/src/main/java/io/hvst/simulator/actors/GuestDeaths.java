package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.observe.VmInventory;
import io.hvst.simulator.seed.LauncherPods;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * virt-handler noticing a guest died: the launcher pod the VMI ran in was deleted (an eviction
 * KubeVirt did not intercept) or failed (its node went down). The VMI turns Failed; with
 * runStrategy Always the VM controller starts it again. A migration's source pod going after the
 * VMI moved, and a stop, are no death.
 */
final class GuestDeaths {

  private final Informers informers;
  private final Writes writes;
  private final Set<String> busy;
  private final VmInventory inventory;

  GuestDeaths(Informers informers, Writes writes, Set<String> busy, VmInventory inventory) {
    this.informers = informers;
    this.writes = writes;
    this.busy = busy;
    this.inventory = inventory;
  }

  void start() {
    Informers.listen(
        informers.pods(),
        new Informers.Listener<>() {
          @Override
          public void updated(Pod before, Pod after) {
            if ("Failed".equals(phase(after)) && !"Failed".equals(phase(before))) {
              died(after, "virt-launcher pod " + after.getMetadata().getName() + " failed");
            }
          }

          @Override
          public void deleted(Pod pod) {
            if (!"Failed".equals(phase(pod))) {
              died(pod, "virt-launcher pod " + pod.getMetadata().getName() + " was deleted");
            }
          }
        });
  }

  /**
   * A death seen while the VM was busy (being started or stopped) was set aside; once it is not, a
   * launcher pod of the VM that failed meanwhile still kills its guest, and so does one that was
   * deleted meanwhile: a Running VMI with no launcher pod left (read fresh, not from the cache,
   * which may not show a pod just created yet).
   */
  void recheck(String namespace, String name) {
    Informers.inNamespace(informers.pods(), namespace).stream()
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(p -> name.equals(p.getMetadata().getLabels().get(LauncherPods.VMI_LABEL)))
        .filter(p -> "Failed".equals(phase(p)))
        .forEach(p -> died(p, "virt-launcher pod " + p.getMetadata().getName() + " failed"));
    runningVmi(namespace, name)
        .filter(vmi -> freshLaunchers(vmi).isEmpty())
        .ifPresent(vmi -> kill(vmi, "virt-launcher pod of " + name + " was deleted"));
  }

  private void died(Pod pod, String why) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null || !"virt-launcher".equals(labels.get(LauncherPods.APP_LABEL))) {
      return;
    }
    String namespace = pod.getMetadata().getNamespace();
    String name = labels.getOrDefault(LauncherPods.VMI_LABEL, "");
    if (busy.contains(namespace + "/" + name)) {
      return;
    }
    runningVmi(namespace, name)
        .filter(
            vmi ->
                Objects.equals(
                    vmi.getMetadata().getUid(), labels.get(LauncherPods.CREATED_BY_LABEL)))
        .filter(
            vmi -> Json.of(vmi.get("status")).text("nodeName").equals(pod.getSpec().getNodeName()))
        .ifPresent(vmi -> kill(vmi, why));
  }

  /** The VMI as the API server has it now, if it is Running. */
  private Optional<GenericKubernetesResource> runningVmi(String namespace, String name) {
    GenericKubernetesResource vmi =
        writes
            .client()
            .genericKubernetesResources(KubeVirt.VMI)
            .inNamespace(namespace)
            .withName(name)
            .get();
    return Optional.ofNullable(vmi)
        .filter(v -> "Running".equals(Json.of(v.get("status")).text("phase")));
  }

  private List<Pod> freshLaunchers(GenericKubernetesResource vmi) {
    return writes
        .client()
        .pods()
        .inNamespace(vmi.getMetadata().getNamespace())
        .withLabel(LauncherPods.CREATED_BY_LABEL, vmi.getMetadata().getUid())
        .list()
        .getItems();
  }

  private void kill(GenericKubernetesResource vmi, String why) {
    String namespace = vmi.getMetadata().getNamespace();
    String name = vmi.getMetadata().getName();
    inventory.crashed(namespace + "/" + name, why);
    writes.merge(
        KubeVirt.VMI,
        namespace,
        name,
        Map.of("status", Writes.map("phase", "Failed", "reason", "PodTerminating")));
  }

  /** The launcher pods of {@code vmi} (source and, while migrating, target). */
  static List<Pod> launcherPods(Informers informers, GenericKubernetesResource vmi) {
    String name = vmi.getMetadata().getName();
    return Informers.inNamespace(informers.pods(), vmi.getMetadata().getNamespace()).stream()
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(p -> name.equals(p.getMetadata().getLabels().get(LauncherPods.VMI_LABEL)))
        .filter(
            p -> "virt-launcher".equals(p.getMetadata().getLabels().get(LauncherPods.APP_LABEL)))
        .toList();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
  }
}
