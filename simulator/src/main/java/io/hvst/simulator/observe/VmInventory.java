package io.hvst.simulator.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.simulator.kube.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What happened to the VMs, as the simulated KubeVirt saw it: migrations, stops, starts, crashes,
 * and side effects that happened more often than once. The report asks it, not the controller.
 */
public final class VmInventory {

  /** Something done to one object {@code times} times where once was expected. */
  public record SideEffect(String kind, String object, String what, int times) {
    @Override
    public String toString() {
      return kind + " " + object + " " + what + " " + times + " times";
    }
  }

  private final SharedIndexInformer<GenericKubernetesResource> vms;
  private final SharedIndexInformer<GenericKubernetesResource> vmis;
  private final AtomicInteger migrationsSucceeded = new AtomicInteger();
  private final AtomicInteger migrationsFailed = new AtomicInteger();
  private final Map<String, Integer> stops = new ConcurrentHashMap<>();
  private final Map<String, Integer> starts = new ConcurrentHashMap<>();
  private final Map<String, String> crashes = new ConcurrentHashMap<>();
  private final Map<String, Integer> repeatedRaises = new ConcurrentHashMap<>();
  private final List<Supplier<List<SideEffect>>> moreSideEffects = new ArrayList<>();

  public VmInventory(
      SharedIndexInformer<GenericKubernetesResource> vms,
      SharedIndexInformer<GenericKubernetesResource> vmis) {
    this.vms = vms;
    this.vmis = vmis;
  }

  public void migrated(boolean succeeded) {
    (succeeded ? migrationsSucceeded : migrationsFailed).incrementAndGet();
  }

  public void stopped(String vm) {
    stops.merge(vm, 1, Integer::sum);
  }

  public void started(String vm) {
    starts.merge(vm, 1, Integer::sum);
  }

  /** The VM's guest died without being stopped (its pod was killed or evicted). */
  public void crashed(String vm, String why) {
    crashes.putIfAbsent(vm, why);
  }

  /** A quota was raised again before its previous raise was taken back. */
  public void quotaRaisedAgain(String quota) {
    repeatedRaises.merge(quota, 1, Integer::sum);
  }

  /** Adds a source of repeated side effects (Job creations, reboots). */
  public synchronized void addSideEffects(Supplier<List<SideEffect>> source) {
    moreSideEffects.add(source);
  }

  public int totalVms() {
    return vms.getStore().list().size();
  }

  public int migrationsSucceeded() {
    return migrationsSucceeded.get();
  }

  public int migrationsFailed() {
    return migrationsFailed.get();
  }

  /** Running-to-stopped transitions, over all VMs. */
  public int vmsStopped() {
    return stops.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int vmsStarted() {
    return starts.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int stops(String vm) {
    return stops.getOrDefault(vm, 0);
  }

  public Map<String, String> crashes() {
    return new TreeMap<>(crashes);
  }

  /**
   * VMs (namespace/name) that should run but do not, or whose guest died without a stop at any
   * time: the workload the upgrade cost.
   */
  public Set<String> lostVms() {
    Set<String> lost = new TreeSet<>(crashes.keySet());
    for (GenericKubernetesResource vm : vms.getStore().list()) {
      String key = vm.getMetadata().getNamespace() + "/" + vm.getMetadata().getName();
      if ("Always".equals(Json.of(vm.get("spec")).text("runStrategy")) && !running(key)) {
        lost.add(key);
      }
    }
    return lost;
  }

  public int vmsLost() {
    return lostVms().size();
  }

  private boolean running(String key) {
    GenericKubernetesResource vmi = vmis.getStore().getByKey(key);
    return vmi != null && "Running".equals(Json.of(vmi.get("status")).text("phase"));
  }

  /** Side effects seen more than once: a VM stopped twice, a quota raised twice, ... */
  public synchronized List<SideEffect> repeatedSideEffects() {
    List<SideEffect> effects = new ArrayList<>();
    new TreeMap<>(stops)
        .forEach(
            (vm, n) -> {
              if (n > 1) {
                effects.add(new SideEffect("VirtualMachine", vm, "stopped", n));
              }
            });
    new TreeMap<>(repeatedRaises)
        .forEach(
            (q, n) ->
                effects.add(
                    new SideEffect("ResourceQuota", q, "raised while already raised", n + 1)));
    moreSideEffects.forEach(s -> effects.addAll(s.get()));
    return effects;
  }
}
