package io.hvst.simulator.seed;

import java.util.List;
import java.util.Map;

/** One node of the simulated cluster, before it is created. */
public record NodePlan(
    String name,
    boolean management,
    CpuProfile cpu,
    Map<String, String> extraLabels,
    List<TaintPlan> taints,
    boolean cordoned) {

  /** A taint to seed on the node. */
  public record TaintPlan(String key, String value, String effect) {}

  public NodePlan {
    extraLabels = Map.copyOf(extraLabels);
    taints = List.copyOf(taints);
  }

  public static NodePlan of(String name, boolean management) {
    return new NodePlan(name, management, CpuProfile.skylake(), Map.of(), List.of(), false);
  }

  public NodePlan withCpu(CpuProfile profile) {
    return new NodePlan(name, management, profile, extraLabels, taints, cordoned);
  }

  public NodePlan withLabels(Map<String, String> labels) {
    return new NodePlan(name, management, cpu, labels, taints, cordoned);
  }

  public NodePlan withTaints(List<TaintPlan> list) {
    return new NodePlan(name, management, cpu, extraLabels, list, cordoned);
  }

  public NodePlan cordonedByAPerson() {
    return new NodePlan(name, management, cpu, extraLabels, taints, true);
  }
}
