package io.hvst.simulator.scenario;

import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.Workloads;
import io.hvst.simulator.seed.NodePlan;
import io.hvst.simulator.seed.VmPlan;
import io.hvst.simulator.session.UpgradeSession;
import java.time.Duration;

/** Drains that real Harvester upgrades get stuck in (DESIGN.md section 8), set up to happen. */
public final class DrainScenarios {

  /** The CPU feature the older nodes lack. */
  public static final String MISSING_FEATURE = "avx512f";

  /** The namespace whose quota is full, and the quota. */
  public static final String QUOTA_NAMESPACE = "default";

  public static final String QUOTA_NAME = "compute";

  /** The Deployment a PodDisruptionBudget protects. */
  public static final String PDB_APP = "web";

  /** How long the blocking budget refuses evictions before it allows one. */
  public static final Duration PDB_BLOCK = Duration.ofSeconds(3);

  /** The VM whose disks cannot be live-migrated (an RWO volume). */
  public static final String RWO_VM = "vm-rwo-disk";

  public static final String RWO_NODE = "node-2";

  private DrainScenarios() {}

  /**
   * Host-passthrough repo VM on node-1; node-2 lacks a CPU feature node-1 has, so the repo VM (and
   * node-1's host-model VMs) must go to another node.
   */
  public static ScenarioSetup repoVmCpuMismatch() {
    return ScenarioSetup.plain()
        .needs(3)
        .cluster(c -> c.node("node-2", n -> n.withCpu(n.cpu().without(MISSING_FEATURE))))
        .repoOn("node-1");
  }

  /**
   * Every node but node-1 lacks a CPU feature: the host-passthrough repo VM has nowhere to go. The
   * user VMs of node-1 use a named CPU model that every node runs, so only the repo VM is stuck.
   */
  public static ScenarioSetup repoVmNoTarget() {
    return ScenarioSetup.plain()
        .needs(2)
        .cluster(DrainScenarios::onlyNodeOneHasTheFeature)
        .cluster(c -> c.vmsOn("node-1", vm -> vm.withCpu("Haswell-noTSX-IBRS")))
        .repoOn("node-1");
  }

  /** The namespace of the VMs has a quota that is exactly full: no migration target pod fits. */
  public static ScenarioSetup quotaFull() {
    return ScenarioSetup.plain()
        .needs(2)
        .arm(
            s ->
                workloads(s)
                    .fullQuota(QUOTA_NAMESPACE, QUOTA_NAME, "requests.memory", "requests.cpu"));
  }

  /** A Deployment on every node whose budget refuses evictions for a while, then allows them. */
  public static ScenarioSetup pdbBlocking() {
    return ScenarioSetup.plain()
        .arm(s -> workloads(s).pdbBlockingFor("default", PDB_APP, PDB_BLOCK, nodeNames(s)));
  }

  /** A Deployment on every node whose budget never allows an eviction; a short drain timeout. */
  public static ScenarioSetup pdbNeverAllows() {
    return ScenarioSetup.plain()
        .property("hvst.timeouts.drain", "4s")
        .arm(s -> workloads(s).blockingPdb("default", PDB_APP, nodeNames(s)));
  }

  /** A VM with an RWO disk on node-2, under the policy that stops and restarts such VMs. */
  public static ScenarioSetup nonMigratableStopped() {
    return nonMigratable().property("hvst.drain.non-migratable", "stop");
  }

  /** The same VM under the default policy, which blocks; a short pre-drain timeout. */
  public static ScenarioSetup nonMigratableBlocked() {
    return nonMigratable().property("hvst.timeouts.pre-drain", "4s");
  }

  private static ScenarioSetup nonMigratable() {
    return ScenarioSetup.plain()
        .needs(2)
        .cluster(
            c -> c.withVm(VmPlan.of(RWO_VM, RWO_NODE).notMigratable("DisksNotLiveMigratable")));
  }

  private static ClusterSpec onlyNodeOneHasTheFeature(ClusterSpec spec) {
    ClusterSpec changed = spec;
    for (NodePlan node : spec.nodes()) {
      if (!node.name().equals("node-1")) {
        changed = changed.node(node.name(), n -> n.withCpu(n.cpu().without(MISSING_FEATURE)));
      }
    }
    return changed;
  }

  static Workloads workloads(UpgradeSession session) {
    return session.cluster().workloads();
  }

  static String[] nodeNames(UpgradeSession session) {
    return session.cluster().spec().nodes().stream().map(NodePlan::name).toArray(String[]::new);
  }
}
