package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.observe.VmInventory;
import io.hvst.simulator.seed.VmPlan.MigrationFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * virt-controller's migration controller: runs each VirtualMachineInstanceMigration, at most {@code
 * perCluster} at once and {@code perNode} out of any one node (KubeVirt's defaults: 5 and 2); the
 * rest stay Pending until a slot frees. Faults make a VM's migrations fail or hang.
 */
public final class MigrationController {

  public static final int DEFAULT_PER_CLUSTER = 5;
  public static final int DEFAULT_PER_NODE = 2;
  private static final Set<String> FINAL = Set.of("Succeeded", "Failed");

  private final Informers informers;
  private final MigrationRun.Context context;
  private final VmInventory inventory;
  private final Map<String, MigrationRun> running = new LinkedHashMap<>();
  private final Set<String> pending = new LinkedHashSet<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Map<String, MigrationFault> faults = new ConcurrentHashMap<>();
  private int perCluster = DEFAULT_PER_CLUSTER;
  private int perNode = DEFAULT_PER_NODE;

  public MigrationController(
      Informers informers, MigrationRun.Context context, VmInventory inventory) {
    this.informers = informers;
    this.context = context;
    this.inventory = inventory;
  }

  public void start() {
    Informers.listen(
        informers.migrations(),
        new Informers.Listener<>() {
          @Override
          public void added(GenericKubernetesResource vmim) {
            accept(vmim);
          }

          @Override
          public void deleted(GenericKubernetesResource vmim) {
            removed(key(vmim));
          }
        });
  }

  /** KubeVirt's parallelMigrationsPerCluster and parallelOutboundMigrationsPerNode. */
  public synchronized void limits(int cluster, int node) {
    this.perCluster = cluster;
    this.perNode = node;
    dispatch();
  }

  /** Every migration of this VMI fails while running, as libvirt reports a broken migration. */
  public void failMigrationsOf(String namespace, String vmi) {
    faults.put(namespace + "/" + vmi, MigrationFault.FAIL);
  }

  /** Every migration of this VMI stays Running until its VMIM is deleted. */
  public void hangMigrationsOf(String namespace, String vmi) {
    faults.put(namespace + "/" + vmi, MigrationFault.HANG);
  }

  public void healMigrationsOf(String namespace, String vmi) {
    faults.remove(namespace + "/" + vmi);
  }

  public synchronized int runningCount() {
    return running.size();
  }

  private void accept(GenericKubernetesResource vmim) {
    if (!seen.add(vmim.getMetadata().getUid())) {
      return;
    }
    String phase = Json.of(vmim.get("status")).text("phase");
    if (FINAL.contains(phase)) {
      return;
    }
    if (phase.isEmpty()) {
      context
          .writes()
          .merge(
              KubeVirt.MIGRATION,
              namespace(vmim),
              name(vmim),
              Map.of("status", Map.of("phase", "Pending")));
    }
    synchronized (this) {
      pending.add(key(vmim));
      dispatch();
    }
  }

  private void removed(String key) {
    MigrationRun aborted;
    synchronized (this) {
      pending.remove(key);
      aborted = running.remove(key);
      dispatch();
    }
    if (aborted != null) {
      aborted.abort();
    }
  }

  void counted(boolean succeeded) {
    inventory.migrated(succeeded);
  }

  /** A run ended: its slot is free. */
  synchronized void finished(String key) {
    running.remove(key);
    dispatch();
  }

  /** Starts pending migrations, oldest first, while the limits allow. */
  private synchronized void dispatch() {
    List<String> started = new ArrayList<>();
    for (String key : pending) {
      if (running.size() >= perCluster) {
        break;
      }
      Optional<GenericKubernetesResource> vmim = cached(key);
      if (vmim.isEmpty()) {
        started.add(key);
        continue;
      }
      String source = sourceNode(vmim.get());
      if (outbound(source) >= perNode) {
        continue;
      }
      started.add(key);
      MigrationRun run = new MigrationRun(vmim.get(), source, fault(vmim.get()), context, this);
      running.put(key, run);
      run.start();
    }
    started.forEach(pending::remove);
  }

  private long outbound(String source) {
    return running.values().stream().filter(r -> r.source().equals(source)).count();
  }

  private String sourceNode(GenericKubernetesResource vmim) {
    String vmi = Json.of(vmim.get("spec")).text("vmiName");
    return Informers.get(informers.vmis(), namespace(vmim), vmi)
        .map(v -> Json.of(v.get("status")).text("nodeName"))
        .orElse("");
  }

  private MigrationFault fault(GenericKubernetesResource vmim) {
    String vmi = Json.of(vmim.get("spec")).text("vmiName");
    return faults.getOrDefault(namespace(vmim) + "/" + vmi, MigrationFault.NONE);
  }

  private Optional<GenericKubernetesResource> cached(String key) {
    return Optional.ofNullable(informers.migrations().getStore().getByKey(key));
  }

  static String key(GenericKubernetesResource o) {
    return namespace(o) + "/" + name(o);
  }

  private static String namespace(GenericKubernetesResource o) {
    return o.getMetadata().getNamespace();
  }

  private static String name(GenericKubernetesResource o) {
    return o.getMetadata().getName();
  }
}
