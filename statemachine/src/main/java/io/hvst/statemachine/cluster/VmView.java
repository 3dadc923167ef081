package io.hvst.statemachine.cluster;

import java.util.Map;
import java.util.Objects;

/** What the controller observed of one running virtual machine instance. */
public record VmView(
    String namespace, String name, String nodeName, String phase, Map<String, String> labels) {

  public static final String COMPONENT_LABEL = "harvesterhci.io/upgradeComponent";

  public VmView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    nodeName = nodeName == null ? "" : nodeName;
    phase = phase == null ? "" : phase;
    labels = Map.copyOf(labels);
  }

  public boolean isRepoVm() {
    return "repo".equals(labels.get(COMPONENT_LABEL));
  }

  public String key() {
    return namespace + "/" + name;
  }
}
