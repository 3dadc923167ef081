package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.CpuSpec;
import io.hvst.statemachine.cluster.EvictionStrategy;
import io.hvst.statemachine.cluster.NodeSelectorTerm;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds VMs for placement tests: a running, live-migratable host-model VM of 1 core and 4 GiB. */
final class TestVm {

  private final String namespace;
  private final String name;
  private String node = "node-1";
  private final Map<String, String> labels = new HashMap<>();
  private String model = CpuSpec.HOST_MODEL;
  private List<String> requiredFeatures = List.of();
  private Resources requests = new Resources(1_000, 4 * CpuNode.GIB);
  private EvictionStrategy eviction = EvictionStrategy.LIVE_MIGRATE;
  private String notMigratableReason = "";
  private final Map<String, String> nodeSelector = new HashMap<>();
  private final List<NodeSelectorTerm> affinity = new ArrayList<>();

  private TestVm(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  static TestVm named(String name) {
    return new TestVm("default", name);
  }

  /** The upgrade-repo VM of upgrade {@code u}: host-passthrough since Harvester v1.6. */
  static TestVm repoVm() {
    TestVm vm = new TestVm("harvester-system", "upgrade-repo-u").cpu(CpuSpec.HOST_PASSTHROUGH);
    vm.labels.put(VmView.COMPONENT_LABEL, "repo");
    return vm;
  }

  TestVm on(String node) {
    this.node = node;
    return this;
  }

  TestVm cpu(String model) {
    this.model = model;
    return this;
  }

  TestVm requires(String features) {
    requiredFeatures = CpuNode.words(features);
    return this;
  }

  TestVm size(long milliCpu, long gib) {
    requests = new Resources(milliCpu, gib * CpuNode.GIB);
    return this;
  }

  TestVm eviction(EvictionStrategy strategy) {
    eviction = strategy;
    return this;
  }

  TestVm notMigratable(String reason) {
    notMigratableReason = reason;
    return this;
  }

  TestVm nodeSelector(String key, String value) {
    nodeSelector.put(key, value);
    return this;
  }

  TestVm affinity(NodeSelectorTerm term) {
    affinity.add(term);
    return this;
  }

  VmView build() {
    return new VmView(
        namespace,
        name,
        node,
        "Running",
        labels,
        new CpuSpec(model, requiredFeatures),
        requests,
        eviction,
        notMigratableReason.isEmpty(),
        notMigratableReason,
        nodeSelector,
        affinity,
        name,
        false);
  }

  /** The virt-launcher pod that runs {@code vm} on its node, holding its requests plus overhead. */
  static PodView launcher(VmView vm, Resources overhead) {
    return new PodView(
        vm.namespace(),
        "virt-launcher-" + vm.name(),
        vm.nodeName(),
        "Running",
        Map.of(),
        "VirtualMachineInstance",
        false,
        vm.name(),
        vm.requests().plus(overhead),
        false);
  }
}
