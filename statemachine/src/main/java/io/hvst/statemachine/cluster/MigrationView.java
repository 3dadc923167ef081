package io.hvst.statemachine.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * What the controller observed of one VirtualMachineInstanceMigration.
 *
 * @param phase KubeVirt's phase: Pending, Scheduling, Scheduled, PreparingTarget, TargetReady,
 *     Running, Succeeded, Failed
 * @param failureReason why it failed, as KubeVirt (or libvirt) put it
 */
public record MigrationView(
    String namespace,
    String name,
    String vmi,
    String phase,
    String sourceNode,
    String targetNode,
    String failureReason,
    Map<String, String> labels) {

  public MigrationView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    vmi = vmi == null ? "" : vmi;
    phase = phase == null || phase.isBlank() ? "Pending" : phase;
    sourceNode = sourceNode == null ? "" : sourceNode;
    targetNode = targetNode == null ? "" : targetNode;
    failureReason = failureReason == null ? "" : failureReason;
    labels = Map.copyOf(labels);
  }

  public boolean succeeded() {
    return "Succeeded".equals(phase);
  }

  public boolean failed() {
    return "Failed".equals(phase);
  }

  public boolean finished() {
    return succeeded() || failed();
  }

  public String key() {
    return namespace + "/" + name;
  }
}
