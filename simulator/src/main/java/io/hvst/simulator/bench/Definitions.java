package io.hvst.simulator.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What each number of the benchmark means: printed under the table and written to the report. */
final class Definitions {

  static final Map<String, String> ALL = definitions();

  private Definitions() {}

  private static Map<String, String> definitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(
        "vms",
        "VMs in the cluster: NODES x VMS_PER_NODE plus the upgrade-repo VM; all live-migratable.");
    d.put(
        "wallMs",
        "Wall clock of the size: seeding the cluster, starting the controller, the upgrade;"
            + " not the teardown.");
    d.put(
        "makespanMs",
        "Upgrade makespan from the journal: PENDING entered to the terminal phase entered.");
    d.put(
        "makespanLowerBoundMs",
        "No controller beats it with maxUnavailable=1: sum over nodes of (Job + reboot +"
            + " ceil(m/p) x migration), m = live-migratable VMs on the node at the start,"
            + " p = min(2 outbound per node, 5 per cluster); simulated durations only, so the"
            + " configured waits (cordon settle per node, the final drift watch) are left out.");
    d.put(
        "pipelinedMakespanMs",
        "Model, from the measured steps: node i+1 evacuates (PRE_DRAIN..DRAIN) while node i"
            + " upgrades (UPGRADE..RESTORE_SCHEDULING), at most two nodes out of service; a"
            + " two-stage flow shop in the same order, plus the measured head and tail.");
    d.put("migrationsPerVm", "Succeeded live migrations in the run / VMs.");
    d.put(
        "migrationsLowerBoundPerVm",
        "(V + min over nodes of m) / V: every VM moves once, the first drained node's VMs"
            + " find no upgraded node and move twice.");
    d.put(
        "naiveMigrationsPerVm",
        "UpgradePlanSimulation on the initial snapshot, controller's order, targets chosen"
            + " without preferring upgraded nodes (plannedMigrationsPerVm: preferring them).");
    d.put(
        "apiRequestsPerVm",
        "Every request with the controller's User-Agent (watches, lists, Lease renewals"
            + " included) from its start to the upgrade's end / VMs (apiRequestsPerNode: / nodes).");
    d.put(
        "reactionP50Ms",
        "From a cluster event (migration Succeeded, upgrade Job Complete, node Ready on the"
            + " target image) to the controller's first write acting on it (journal records it,"
            + " or the Upgrade status moves on), both seen through the bench's own watches;"
            + " nearest-rank p50/p99 over all events.");
    d.put(
        "cpuSeconds",
        "CPU time of the controller's threads (its thread group: Spring, reconcile loop, its"
            + " fabric8 client's event loops and informers) from Upgrade creation to its end;"
            + " GC and JIT are not in it (details.jvmCpuSeconds).");
    d.put(
        "peakHeapMiB",
        "Peak heap used, sampled every 50 ms after a GC at the size's start: the whole JVM"
            + " (API server store, simulator, controller), garbage included.");
    d.put(
        "journalBytes",
        "UTF-8 bytes of the journal ConfigMap's data (keys and values) at the end.");
    return Collections.unmodifiableMap(d);
  }
}
