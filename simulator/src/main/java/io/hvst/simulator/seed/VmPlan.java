package io.hvst.simulator.seed;

import java.util.List;
import java.util.Map;

/**
 * One VirtualMachine to seed, running on {@code node}. The defaults are a typical Harvester guest:
 * namespace {@code default}, host-model CPU, 2Gi and 500m, evictionStrategy LiveMigrate,
 * live-migratable. The with-methods give the variants scenarios need.
 *
 * @param notMigratableReason empty when live-migratable, else KubeVirt's reason for the
 *     LiveMigratable=False condition (DisksNotLiveMigratable, HostDeviceNotLiveMigratable, ...)
 * @param migrationFault what this VM's live migrations do besides succeeding
 */
public record VmPlan(
    String namespace,
    String name,
    String node,
    String cpuModel,
    List<String> cpuFeatures,
    String memory,
    String cpu,
    String evictionStrategy,
    String notMigratableReason,
    Map<String, String> labels,
    Map<String, String> nodeSelector,
    String runStrategy,
    MigrationFault migrationFault) {

  /** A fault injected into every live migration of the VM. */
  public enum MigrationFault {
    NONE,
    /** Migrations fail while running, as libvirt reports a broken migration. */
    FAIL,
    /** Migrations reach Running and stay there until their VMIM is deleted. */
    HANG
  }

  public VmPlan {
    cpuFeatures = List.copyOf(cpuFeatures);
    labels = Map.copyOf(labels);
    nodeSelector = Map.copyOf(nodeSelector);
  }

  public static VmPlan of(String name, String node) {
    return new VmPlan(
        "default",
        name,
        node,
        "host-model",
        List.of(),
        "2Gi",
        "500m",
        "LiveMigrate",
        "",
        Map.of(),
        Map.of(),
        "Always",
        MigrationFault.NONE);
  }

  public String key() {
    return namespace + "/" + name;
  }

  public boolean migratable() {
    return notMigratableReason.isEmpty();
  }

  public VmPlan inNamespace(String ns) {
    return new VmPlan(
        ns,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        evictionStrategy,
        notMigratableReason,
        labels,
        nodeSelector,
        runStrategy,
        migrationFault);
  }

  public VmPlan on(String nodeName) {
    return new VmPlan(
        namespace,
        name,
        nodeName,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        evictionStrategy,
        notMigratableReason,
        labels,
        nodeSelector,
        runStrategy,
        migrationFault);
  }

  /** A named model, host-model or host-passthrough, and features with policy require. */
  public VmPlan withCpu(String model, String... requiredFeatures) {
    return new VmPlan(
        namespace,
        name,
        node,
        model,
        List.of(requiredFeatures),
        memory,
        cpu,
        evictionStrategy,
        notMigratableReason,
        labels,
        nodeSelector,
        runStrategy,
        migrationFault);
  }

  public VmPlan hostPassthrough() {
    return withCpu("host-passthrough");
  }

  public VmPlan withResources(String memoryRequest, String cpuRequest) {
    return new VmPlan(
        namespace,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memoryRequest,
        cpuRequest,
        evictionStrategy,
        notMigratableReason,
        labels,
        nodeSelector,
        runStrategy,
        migrationFault);
  }

  /** LiveMigrate, LiveMigrateIfPossible, External or None. */
  public VmPlan withEvictionStrategy(String strategy) {
    return new VmPlan(
        namespace,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        strategy,
        notMigratableReason,
        labels,
        nodeSelector,
        runStrategy,
        migrationFault);
  }

  /** LiveMigratable=False with this reason, e.g. DisksNotLiveMigratable. */
  public VmPlan notMigratable(String reason) {
    return new VmPlan(
        namespace,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        evictionStrategy,
        reason,
        labels,
        nodeSelector,
        runStrategy,
        migrationFault);
  }

  public VmPlan withLabels(Map<String, String> vmLabels) {
    return new VmPlan(
        namespace,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        evictionStrategy,
        notMigratableReason,
        vmLabels,
        nodeSelector,
        runStrategy,
        migrationFault);
  }

  public VmPlan withNodeSelector(Map<String, String> selector) {
    return new VmPlan(
        namespace,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        evictionStrategy,
        notMigratableReason,
        labels,
        selector,
        runStrategy,
        migrationFault);
  }

  /** Seeded with runStrategy Halted: the VM exists but does not run. */
  public VmPlan halted() {
    return new VmPlan(
        namespace,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        evictionStrategy,
        notMigratableReason,
        labels,
        nodeSelector,
        "Halted",
        migrationFault);
  }

  public VmPlan failingMigrations() {
    return withFault(MigrationFault.FAIL);
  }

  public VmPlan hangingMigrations() {
    return withFault(MigrationFault.HANG);
  }

  public VmPlan withFault(MigrationFault fault) {
    return new VmPlan(
        namespace,
        name,
        node,
        cpuModel,
        cpuFeatures,
        memory,
        cpu,
        evictionStrategy,
        notMigratableReason,
        labels,
        nodeSelector,
        runStrategy,
        fault);
  }

  /** What Harvester 1.6 starts for an Upgrade: the repo VM, host-passthrough, 4Gi. */
  public static VmPlan repo(String upgrade, String node) {
    return of("upgrade-repo-" + upgrade, node)
        .inNamespace("harvester-system")
        .hostPassthrough()
        .withResources("4Gi", "1")
        .withLabels(Map.of(VmFactory.REPO_LABEL, "repo", "harvesterhci.io/upgrade", upgrade));
  }
}
