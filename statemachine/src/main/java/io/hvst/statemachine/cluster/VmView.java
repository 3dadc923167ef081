package io.hvst.statemachine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the controller observed of one VirtualMachineInstance.
 *
 * @param requests what the VM itself requests (the virt-launcher pod adds its overhead)
 * @param liveMigratable KubeVirt's LiveMigratable condition
 * @param notMigratableReason the condition's reason when it is false (e.g. DisksNotLiveMigratable)
 * @param requiredAffinity required node affinity terms; any one term must match (empty: none)
 * @param owner the VirtualMachine that owns this VMI, or empty
 * @param migrating true while KubeVirt reports a migration in progress
 */
public record VmView(
    String namespace,
    String name,
    String nodeName,
    String phase,
    Map<String, String> labels,
    CpuSpec cpu,
    Resources requests,
    EvictionStrategy evictionStrategy,
    boolean liveMigratable,
    String notMigratableReason,
    Map<String, String> nodeSelector,
    List<NodeSelectorTerm> requiredAffinity,
    String owner,
    boolean migrating) {

  public static final String COMPONENT_LABEL = "harvesterhci.io/upgradeComponent";

  public VmView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    nodeName = nodeName == null ? "" : nodeName;
    phase = phase == null ? "" : phase;
    labels = Map.copyOf(labels);
    cpu = cpu == null ? CpuSpec.hostModel() : cpu;
    requests = requests == null ? Resources.NONE : requests;
    evictionStrategy = evictionStrategy == null ? EvictionStrategy.NONE : evictionStrategy;
    notMigratableReason = notMigratableReason == null ? "" : notMigratableReason;
    nodeSelector = Map.copyOf(nodeSelector);
    requiredAffinity = List.copyOf(requiredAffinity);
    owner = owner == null ? "" : owner;
  }

  /** A running, live-migratable VM with no constraints: the common case, and tests' default. */
  public static VmView simple(String namespace, String name, String node, Resources requests) {
    return new VmView(
        namespace,
        name,
        node,
        "Running",
        Map.of(),
        CpuSpec.hostModel(),
        requests,
        EvictionStrategy.LIVE_MIGRATE,
        true,
        "",
        Map.of(),
        List.of(),
        name,
        false);
  }

  public boolean isRepoVm() {
    return "repo".equals(labels.get(COMPONENT_LABEL));
  }

  public boolean isRunning() {
    return "Running".equals(phase);
  }

  /** True when draining the node moves this VM by live migration. */
  public boolean movesByMigration() {
    boolean wants =
        evictionStrategy == EvictionStrategy.LIVE_MIGRATE
            || evictionStrategy == EvictionStrategy.LIVE_MIGRATE_IF_POSSIBLE
            || isRepoVm();
    return wants && liveMigratable;
  }

  /** The same VM on {@code node}, as after a live migration there. */
  public VmView movedTo(String node) {
    return new VmView(
        namespace,
        name,
        node,
        phase,
        labels,
        cpu,
        requests,
        evictionStrategy,
        liveMigratable,
        notMigratableReason,
        nodeSelector,
        requiredAffinity,
        owner,
        migrating);
  }

  public String key() {
    return namespace + "/" + name;
  }
}
