package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.NodeView;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The CPU facts KubeVirt's node labeller wrote on a node: each is a label {@code <prefix><name>}
 * with value {@code true}.
 */
record NodeCpu(
    String node,
    SortedSet<String> vendors,
    SortedSet<String> models,
    SortedSet<String> migrationModels,
    Optional<String> hostModel,
    SortedSet<String> hostModelRequiredFeatures,
    SortedSet<String> features) {

  static final String MODEL = "cpu-model.node.kubevirt.io/";
  static final String MIGRATION_MODEL = "cpu-model-migration.node.kubevirt.io/";
  static final String HOST_MODEL = "host-model-cpu.node.kubevirt.io/";
  static final String HOST_MODEL_REQUIRED_FEATURE =
      "host-model-required-features.node.kubevirt.io/";
  static final String FEATURE = "cpu-feature.node.kubevirt.io/";
  static final String VENDOR = "cpu-vendor.node.kubevirt.io/";

  static NodeCpu of(NodeView node) {
    Map<String, String> labels = node.labels();
    SortedSet<String> hostModels = named(labels, HOST_MODEL);
    return new NodeCpu(
        node.name(),
        named(labels, VENDOR),
        named(labels, MODEL),
        named(labels, MIGRATION_MODEL),
        hostModels.isEmpty() ? Optional.empty() : Optional.of(hostModels.first()),
        named(labels, HOST_MODEL_REQUIRED_FEATURE),
        named(labels, FEATURE));
  }

  /** The names under {@code prefix} whose label says {@code true}, sorted. */
  private static SortedSet<String> named(Map<String, String> labels, String prefix) {
    SortedSet<String> names = new TreeSet<>();
    labels.forEach(
        (key, value) -> {
          if (key.startsWith(prefix) && "true".equals(value)) {
            names.add(key.substring(prefix.length()));
          }
        });
    return Collections.unmodifiableSortedSet(names);
  }

  String vendorText() {
    return vendors.isEmpty() ? "none" : String.join(", ", vendors);
  }
}
