package io.hvst.statemachine.cluster;

import java.util.Objects;

/** What the controller observed of one VirtualMachine: how it is told to run. */
public record VirtualMachineView(String namespace, String name, String runStrategy) {
  public VirtualMachineView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    runStrategy = runStrategy == null ? "" : runStrategy;
  }

  public String key() {
    return namespace + "/" + name;
  }
}
