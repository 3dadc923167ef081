package io.hvst.statemachine.cluster;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The roles Harvester gives a node, read from its {@code node-role.*} labels. */
public enum NodeRole {
  CONTROL_PLANE("node-role.kubernetes.io/control-plane"),
  ETCD("node-role.kubernetes.io/etcd"),
  WITNESS("node-role.harvesterhci.io/witness"),
  WORKER("node-role.kubernetes.io/worker");

  private final String label;

  NodeRole(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Roles present as labels with value {@code true}; a node without any is a worker. */
  public static Set<NodeRole> fromLabels(Map<String, String> labels) {
    Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    for (NodeRole role : values()) {
      if ("true".equals(labels.get(role.label))) {
        roles.add(role);
      }
    }
    if ("true".equals(labels.get("node-role.kubernetes.io/master"))) {
      roles.add(CONTROL_PLANE);
    }
    if (roles.isEmpty()) {
      roles.add(WORKER);
    }
    return roles;
  }
}
