package io.hvst.statemachine.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * What the controller observed of one pod.
 *
 * @param ownerKind the kind of its controller owner (DaemonSet, ReplicaSet, VirtualMachineInstance,
 *     ...), or empty
 * @param mirror a static pod's mirror (the kubelet owns it; it cannot be evicted)
 * @param vmi the VMI a virt-launcher pod runs, or empty
 */
public record PodView(
    String namespace,
    String name,
    String nodeName,
    String phase,
    Map<String, String> labels,
    String ownerKind,
    boolean mirror,
    String vmi,
    Resources requests,
    boolean terminating) {

  public PodView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    nodeName = nodeName == null ? "" : nodeName;
    phase = phase == null ? "" : phase;
    labels = Map.copyOf(labels);
    ownerKind = ownerKind == null ? "" : ownerKind;
    vmi = vmi == null ? "" : vmi;
    requests = requests == null ? Resources.NONE : requests;
  }

  public boolean isDaemonSetPod() {
    return "DaemonSet".equals(ownerKind);
  }

  public boolean isVirtLauncher() {
    return !vmi.isEmpty();
  }

  /** Finished pods hold no resources and need no eviction. */
  public boolean isFinished() {
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public String key() {
    return namespace + "/" + name;
  }
}
