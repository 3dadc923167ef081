package io.hvst.simulator.actors;

import io.hvst.simulator.kube.Json;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What KubeVirt and libvirt demand of a migration target's CPU, read from the node labels
 * KubeVirt's node labeller writes. A named model needs that model on the target; host-model needs
 * the source's host model among the target's migratable models and the source's required features;
 * host- passthrough needs every feature the source has; the vendor is always the same.
 */
public final class CpuRules {

  static final String VENDOR = "cpu-vendor.node.kubevirt.io/";
  static final String MODEL = "cpu-model.node.kubevirt.io/";
  static final String MIGRATION_MODEL = "cpu-model-migration.node.kubevirt.io/";
  static final String FEATURE = "cpu-feature.node.kubevirt.io/";
  static final String HOST_MODEL = "host-model-cpu.node.kubevirt.io/";
  static final String REQUIRED = "host-model-required-features.node.kubevirt.io/";
  private static final String MISMATCH =
      "operation failed: guest CPU doesn't match specification: ";

  private CpuRules() {}

  /** Why libvirt would refuse the guest on the target, in its words; empty when it fits. */
  public static Optional<String> incompatibility(
      Json cpu, Map<String, String> source, Map<String, String> target) {
    Set<String> sourceVendors = suffixes(source, VENDOR);
    Set<String> targetVendors = suffixes(target, VENDOR);
    if (!targetVendors.containsAll(sourceVendors)) {
      return Optional.of(
          MISMATCH
              + "CPU vendor "
              + String.join(",", sourceVendors)
              + " does not match host CPU vendor "
              + String.join(",", targetVendors));
    }
    String model = cpu.text("model");
    Set<String> required = new TreeSet<>(requiredFeatures(cpu));
    if ("host-passthrough".equals(model)) {
      required.addAll(suffixes(source, FEATURE));
    } else if (model.isEmpty() || "host-model".equals(model)) {
      Set<String> hostModels = suffixes(source, HOST_MODEL);
      for (String hostModel : hostModels) {
        if (!target.containsKey(MIGRATION_MODEL + hostModel)) {
          return Optional.of(MISMATCH + "CPU model " + hostModel + " is not supported by the host");
        }
      }
      required.addAll(suffixes(source, REQUIRED));
    } else if (!target.containsKey(MODEL + model)) {
      return Optional.of(MISMATCH + "CPU model " + model + " is not supported by the host");
    }
    Set<String> missing = new TreeSet<>(required);
    missing.removeAll(suffixes(target, FEATURE));
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of(MISMATCH + "missing features: " + String.join(",", missing));
  }

  /**
   * The node labels virt-controller puts in the target pod's node selector, so the scheduler only
   * picks hosts that can run the guest (host-passthrough gets none: libvirt finds out).
   */
  public static Map<String, String> targetSelector(Json cpu, Map<String, String> source) {
    Map<String, String> selector = new TreeMap<>();
    String model = cpu.text("model");
    if ("host-model".equals(model) || model.isEmpty()) {
      suffixes(source, HOST_MODEL).forEach(m -> selector.put(MIGRATION_MODEL + m, "true"));
      suffixes(source, REQUIRED).forEach(f -> selector.put(FEATURE + f, "true"));
    } else if (!"host-passthrough".equals(model)) {
      selector.put(MODEL + model, "true");
    }
    requiredFeatures(cpu).forEach(f -> selector.put(FEATURE + f, "true"));
    return selector;
  }

  private static Set<String> requiredFeatures(Json cpu) {
    Set<String> features = new TreeSet<>();
    for (Json f : cpu.list("features")) {
      String policy = f.text("policy");
      if ((policy.isEmpty() || "require".equals(policy)) && !f.text("name").isEmpty()) {
        features.add(f.text("name"));
      }
    }
    return features;
  }

  private static Set<String> suffixes(Map<String, String> labels, String prefix) {
    Set<String> out = new TreeSet<>();
    labels.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && "true".equals(v)) {
            out.add(k.substring(prefix.length()));
          }
        });
    return out;
  }
}
