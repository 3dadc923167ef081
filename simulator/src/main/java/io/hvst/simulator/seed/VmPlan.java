package io.hvst.simulator.seed;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
    return change(c -> c.namespace = ns);
  }

  public VmPlan on(String nodeName) {
    return change(c -> c.node = nodeName);
  }

  /** A named model, host-model or host-passthrough, and features with policy require. */
  public VmPlan withCpu(String model, String... requiredFeatures) {
    return change(
        c -> {
          c.cpuModel = model;
          c.cpuFeatures = List.of(requiredFeatures);
        });
  }

  public VmPlan hostPassthrough() {
    return withCpu("host-passthrough");
  }

  public VmPlan withResources(String memoryRequest, String cpuRequest) {
    return change(
        c -> {
          c.memory = memoryRequest;
          c.cpu = cpuRequest;
        });
  }

  /** LiveMigrate, LiveMigrateIfPossible, External or None. */
  public VmPlan withEvictionStrategy(String strategy) {
    return change(c -> c.evictionStrategy = strategy);
  }

  /** LiveMigratable=False with this reason, e.g. DisksNotLiveMigratable. */
  public VmPlan notMigratable(String reason) {
    return change(c -> c.notMigratableReason = reason);
  }

  public VmPlan withLabels(Map<String, String> vmLabels) {
    return change(c -> c.labels = vmLabels);
  }

  public VmPlan withNodeSelector(Map<String, String> selector) {
    return change(c -> c.nodeSelector = selector);
  }

  /** Seeded with runStrategy Halted: the VM exists but does not run. */
  public VmPlan halted() {
    return change(c -> c.runStrategy = "Halted");
  }

  public VmPlan failingMigrations() {
    return withFault(MigrationFault.FAIL);
  }

  public VmPlan hangingMigrations() {
    return withFault(MigrationFault.HANG);
  }

  public VmPlan withFault(MigrationFault fault) {
    return change(c -> c.migrationFault = fault);
  }

  /** What Harvester 1.6 starts for an Upgrade: the repo VM, host-passthrough, 4Gi. */
  public static VmPlan repo(String upgrade, String node) {
    return of("upgrade-repo-" + upgrade, node)
        .inNamespace("harvester-system")
        .hostPassthrough()
        .withResources("4Gi", "1")
        .withLabels(Map.of(VmFactory.REPO_LABEL, "repo", "harvesterhci.io/upgrade", upgrade));
  }

  /** A copy with {@code edit} applied to its fields. */
  private VmPlan change(Consumer<Copy> edit) {
    Copy c = new Copy(this);
    edit.accept(c);
    return c.build();
  }

  /** The fields of a plan, open to change for one copy. */
  private static final class Copy {
    String namespace;
    String name;
    String node;
    String cpuModel;
    List<String> cpuFeatures;
    String memory;
    String cpu;
    String evictionStrategy;
    String notMigratableReason;
    Map<String, String> labels;
    Map<String, String> nodeSelector;
    String runStrategy;
    MigrationFault migrationFault;

    Copy(VmPlan p) {
      namespace = p.namespace;
      name = p.name;
      node = p.node;
      cpuModel = p.cpuModel;
      cpuFeatures = p.cpuFeatures;
      memory = p.memory;
      cpu = p.cpu;
      evictionStrategy = p.evictionStrategy;
      notMigratableReason = p.notMigratableReason;
      labels = p.labels;
      nodeSelector = p.nodeSelector;
      runStrategy = p.runStrategy;
      migrationFault = p.migrationFault;
    }

    VmPlan build() {
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
          migrationFault);
    }
  }
}
