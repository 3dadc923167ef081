package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.NodeRole;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds nodes with the labels of KubeVirt's node labeller. By default: Ready, schedulable, vendor
 * Intel, host model Skylake (also runnable and accepted for migration), features avx512f, pcid and
 * sse4_2, host-model required feature pcid, 16 cores and 64 GiB.
 */
final class CpuNode {

  static final long GIB = 1L << 30;
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final String name;
  private boolean ready = true;
  private boolean cordoned;
  private String cordonMark = "";
  private final Map<String, String> labels = new HashMap<>();
  private final List<Taint> taints = new ArrayList<>();
  private Resources allocatable = new Resources(16_000, 64 * GIB);

  private CpuNode(String name) {
    this.name = name;
    labels.put("kubevirt.io/schedulable", "true");
    vendor("Intel").hostModel("Skylake").models("Skylake").accepts("Skylake");
    features("avx512f pcid sse4_2").hostModelRequires("pcid");
  }

  static CpuNode named(String name) {
    return new CpuNode(name);
  }

  /** Space-separated names, as the tables write lists. */
  static List<String> words(String text) {
    return text == null
        ? List.of()
        : SPACES.splitAsStream(text.trim()).filter(w -> !w.isEmpty()).toList();
  }

  CpuNode vendor(String vendor) {
    return replace(NodeCpu.VENDOR, vendor);
  }

  CpuNode hostModel(String model) {
    return replace(NodeCpu.HOST_MODEL, model);
  }

  CpuNode models(String models) {
    return replace(NodeCpu.MODEL, models);
  }

  CpuNode accepts(String models) {
    return replace(NodeCpu.MIGRATION_MODEL, models);
  }

  CpuNode features(String features) {
    return replace(NodeCpu.FEATURE, features);
  }

  CpuNode hostModelRequires(String features) {
    return replace(NodeCpu.HOST_MODEL_REQUIRED_FEATURE, features);
  }

  CpuNode label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  CpuNode withoutLabel(String key) {
    labels.remove(key);
    return this;
  }

  CpuNode taint(String key, String value, String effect) {
    taints.add(new Taint(key, value, effect));
    return this;
  }

  CpuNode cordoned() {
    cordoned = true;
    return this;
  }

  /** Cordoned by the upgrade itself: the annotation {@link NodeView#CORDON_MARK} says so. */
  CpuNode cordonedByUpgrade() {
    cordoned = true;
    cordonMark = "u/1";
    return this;
  }

  CpuNode notReady() {
    ready = false;
    return this;
  }

  CpuNode allocatable(long milliCpu, long gib) {
    allocatable = new Resources(milliCpu, gib * GIB);
    return this;
  }

  NodeView build() {
    return new NodeView(
        name,
        ready,
        cordoned,
        Set.of(NodeRole.WORKER),
        labels,
        taints,
        "",
        allocatable,
        cordonMark);
  }

  private CpuNode replace(String prefix, String names) {
    labels.keySet().removeIf(k -> k.startsWith(prefix));
    words(names).forEach(n -> labels.put(prefix + n, "true"));
    return this;
  }
}
