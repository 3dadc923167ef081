package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.observe.VmInventory;
import io.hvst.simulator.seed.LauncherPods;
import io.hvst.simulator.seed.VmInstances;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * virt-controller's VM controller: runStrategy Halted stops the VM (its VMI and launcher pod go
 * away); Always starts it on a node with room, and restarts it when its guest died.
 */
public final class VmController {

  private static final Set<String> RUNNING_STRATEGIES = Set.of("Always", "RerunOnFailure");

  private final Informers informers;
  private final VmInstances instances;
  private final Writes writes;
  private final Placement placement;
  private final ScheduledExecutorService timers;
  private final Duration power;
  private final VmInventory inventory;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final Set<String> ownDeletes = ConcurrentHashMap.newKeySet();
  private final GuestDeaths guestDeaths;

  public VmController(
      Informers informers,
      VmInstances instances,
      Writes writes,
      Placement placement,
      ScheduledExecutorService timers,
      Duration power,
      VmInventory inventory) {
    this.informers = informers;
    this.instances = instances;
    this.writes = writes;
    this.placement = placement;
    this.timers = timers;
    this.power = power;
    this.inventory = inventory;
    this.guestDeaths = new GuestDeaths(informers, writes, busy, inventory);
  }

  public void start() {
    Informers.Listener<GenericKubernetesResource> vmOrVmi =
        new Informers.Listener<>() {
          @Override
          public void added(GenericKubernetesResource o) {
            reconcile(key(o), Duration.ZERO);
          }

          @Override
          public void updated(GenericKubernetesResource before, GenericKubernetesResource after) {
            added(after);
          }

          @Override
          public void deleted(GenericKubernetesResource o) {
            added(o);
          }
        };
    Informers.listen(informers.vms(), vmOrVmi);
    Informers.listen(informers.vmis(), vmOrVmi);
    Informers.listen(
        informers.vmis(),
        new Informers.Listener<>() {
          @Override
          public void deleted(GenericKubernetesResource vmi) {
            vanished(vmi);
          }
        });
    guestDeaths.start();
  }

  /**
   * Someone else deleted a running VMI: virt-handler shuts the guest down and its pod ends; a VM
   * that should run is started again, but its guest was lost.
   */
  private void vanished(GenericKubernetesResource vmi) {
    String key = key(vmi);
    if (ownDeletes.remove(vmi.getMetadata().getUid())
        || !"Running".equals(Json.of(vmi.get("status")).text("phase"))) {
      return;
    }
    inventory.crashed(key, "VMI " + key + " was deleted without a stop");
    for (Pod pod : GuestDeaths.launcherPods(informers, vmi)) {
      if (vmi.getMetadata()
          .getUid()
          .equals(pod.getMetadata().getLabels().get(LauncherPods.CREATED_BY_LABEL))) {
        writes.deletePod(vmi.getMetadata().getNamespace(), pod.getMetadata().getName());
      }
    }
  }

  /** How many times VMs were started (not counting seeding). */
  public int starts() {
    return inventory.vmsStarted();
  }

  private void reconcile(String key, Duration delay) {
    ScheduledFuture<?> unused =
        timers.schedule(() -> reconcileNow(key), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void reconcileNow(String key) {
    Optional<GenericKubernetesResource> vm = Informers.get(informers.vms(), ns(key), name(key));
    if (vm.isEmpty() || busy.contains(key)) {
      return;
    }
    Optional<GenericKubernetesResource> vmi = Informers.get(informers.vmis(), ns(key), name(key));
    String strategy = Json.of(vm.get().get("spec")).text("runStrategy");
    String phase = vmi.map(v -> Json.of(v.get("status")).text("phase")).orElse("");
    String printable = Json.of(vm.get().get("status")).text("printableStatus");
    if (!RUNNING_STRATEGIES.contains(strategy)) {
      if (vmi.isPresent()) {
        act(key, vm.get(), "Stopping", () -> stop(key, vm.get(), vmi.get()));
      } else if (!"Stopped".equals(printable)) {
        instances.setStatus(vm.get(), "Stopped", false);
      }
    } else if (vmi.isEmpty()) {
      act(key, vm.get(), "Starting", () -> create(key, vm.get(), Set.of()));
    } else if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
      act(key, vm.get(), "Starting", () -> restart(key, vm.get(), vmi.get()));
    } else if ("Pending".equals(phase) && !waiting.contains(key)) {
      act(key, vm.get(), printable, () -> launchIfStillPending(key, vm.get(), vmi.get()));
    } else if ("Running".equals(phase) && !"Running".equals(printable)) {
      instances.setStatus(vm.get(), "Running", true);
    }
  }

  /** Marks the VM busy, shows {@code status}, and does {@code work} after the power delay. */
  private void act(String key, GenericKubernetesResource vm, String status, Runnable work) {
    busy.add(key);
    instances.setStatus(vm, status, false);
    ScheduledFuture<?> unused =
        timers.schedule(
            () -> {
              try {
                work.run();
              } finally {
                busy.remove(key);
                guestDeaths.recheck(ns(key), name(key));
                reconcile(key, Duration.ZERO);
              }
            },
            power.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Stops the VM; a stale look at a VMI already gone changes nothing. */
  private void stop(String key, GenericKubernetesResource vm, GenericKubernetesResource vmi) {
    if (removeInstance(vmi)) {
      // Counted before the status shows it, so whoever sees "Stopped" also sees the count.
      inventory.stopped(key);
      instances.setStatus(vm, "Stopped", false);
    }
  }

  /**
   * A guest that died with its node starts elsewhere: the node's NotReady may not have reached this
   * informer yet, so the node the VMI failed on is left out of the first placement.
   */
  private void restart(String key, GenericKubernetesResource vm, GenericKubernetesResource vmi) {
    Json status = Json.of(vmi.get("status"));
    String diedOn = "Failed".equals(status.text("phase")) ? status.text("nodeName") : "";
    if (removeInstance(vmi)) {
      create(key, vm, diedOn.isEmpty() ? Set.of() : Set.of(diedOn));
    }
  }

  private void create(String key, GenericKubernetesResource vm, Set<String> excluded) {
    GenericKubernetesResource vmi = instances.createVmi(vm, null, "Pending");
    launch(key, vm, vmi, excluded);
  }

  /** The cache may still show Pending a VMI that was launched just before: ask the API server. */
  private void launchIfStillPending(
      String key, GenericKubernetesResource vm, GenericKubernetesResource cached) {
    GenericKubernetesResource vmi =
        writes
            .client()
            .genericKubernetesResources(KubeVirt.VMI)
            .inNamespace(ns(key))
            .withName(name(key))
            .get();
    boolean same =
        vmi != null && Objects.equals(vmi.getMetadata().getUid(), cached.getMetadata().getUid());
    if (same && "Pending".equals(Json.of(vmi.get("status")).text("phase"))) {
      launch(key, vm, vmi, Set.of());
    }
  }

  /** Schedules the VMI and creates its launcher pod; on refusal it stays Pending and is retried. */
  private void launch(
      String key,
      GenericKubernetesResource vm,
      GenericKubernetesResource vmi,
      Set<String> excluded) {
    Json spec = Json.of(vmi.get("spec"));
    Placement.Demand demand =
        new Placement.Demand(
            spec.at("nodeSelector").strings(), spec.at("affinity"), LauncherPods.requests(vmi));
    Optional<Node> node = placement.candidates(demand, excluded).stream().findFirst();
    if (node.isEmpty()) {
      instances.setStatus(vm, "ErrorUnschedulable", false);
      retryLater(key);
      return;
    }
    String target = node.get().getMetadata().getName();
    try {
      instances.createLauncher(vmi, target);
    } catch (KubernetesClientException e) {
      retryLater(key);
      return;
    }
    inventory.started(key);
    instances.markRunning(vmi, target);
    instances.setStatus(vm, "Running", true);
  }

  private void retryLater(String key) {
    waiting.add(key);
    ScheduledFuture<?> unused =
        timers.schedule(
            () -> {
              waiting.remove(key);
              reconcileNow(key);
            },
            power.toMillis() * 5,
            TimeUnit.MILLISECONDS);
  }

  /** Deletes the VMI and its launcher pods; false when the VMI was already gone. */
  private boolean removeInstance(GenericKubernetesResource vmi) {
    String namespace = vmi.getMetadata().getNamespace();
    ownDeletes.add(vmi.getMetadata().getUid());
    if (!writes.delete(KubeVirt.VMI, namespace, vmi.getMetadata().getName())) {
      return false;
    }
    for (Pod pod : GuestDeaths.launcherPods(informers, vmi)) {
      writes.deletePod(namespace, pod.getMetadata().getName());
    }
    return true;
  }

  static String key(GenericKubernetesResource o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private static String ns(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  private static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}
