package io.hvst.simulator.seed;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host CPU as KubeVirt's node labeller describes it: vendor, host model, the named models the
 * host can run, and its features.
 */
public record CpuProfile(
    String vendor, String hostModel, List<String> models, List<String> features) {

  public static CpuProfile skylake() {
    return new CpuProfile(
        "Intel",
        "Skylake-Server-IBRS",
        List.of(
            "Skylake-Server-IBRS",
            "Skylake-Client-IBRS",
            "Broadwell-noTSX-IBRS",
            "Haswell-noTSX-IBRS",
            "Westmere"),
        List.of(
            "aes", "avx", "avx2", "avx512f", "fma", "pcid", "sse4.2", "ssse3", "vmx", "x2apic"));
  }

  /** The same host without one feature: what a mixed-generation cluster looks like. */
  public CpuProfile without(String feature) {
    return new CpuProfile(
        vendor, hostModel, models, features.stream().filter(f -> !f.equals(feature)).toList());
  }

  /** The node labels KubeVirt's node labeller writes for this CPU. */
  public Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("cpu-vendor.node.kubevirt.io/" + vendor, "true");
    labels.put("host-model-cpu.node.kubevirt.io/" + hostModel, "true");
    labels.put("cpu-model-migration.node.kubevirt.io/" + hostModel, "true");
    models.forEach(m -> labels.put("cpu-model.node.kubevirt.io/" + m, "true"));
    models.forEach(m -> labels.put("cpu-model-migration.node.kubevirt.io/" + m, "true"));
    features.forEach(f -> labels.put("cpu-feature.node.kubevirt.io/" + f, "true"));
    features.forEach(f -> labels.put("host-model-required-features.node.kubevirt.io/" + f, "true"));
    return labels;
  }
}
