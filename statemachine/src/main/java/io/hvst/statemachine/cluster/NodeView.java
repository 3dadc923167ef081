package io.hvst.statemachine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the controller observed of one node. */
public record NodeView(
    String name,
    boolean ready,
    boolean unschedulable,
    Set<NodeRole> roles,
    Map<String, String> labels,
    List<Taint> taints,
    String osImage,
    Resources allocatable,
    String cordonMark) {

  /** The node annotation our cordon carries: {@code <upgrade>/<issue>}. */
  public static final String CORDON_MARK = "upgrade.hvst.io/cordoned-by";

  public NodeView {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    osImage = osImage == null ? "" : osImage;
    allocatable = allocatable == null ? Resources.NONE : allocatable;
    cordonMark = cordonMark == null ? "" : cordonMark;
  }

  /** A node with no cordon mark of ours. */
  public NodeView(
      String name,
      boolean ready,
      boolean unschedulable,
      Set<NodeRole> roles,
      Map<String, String> labels,
      List<Taint> taints,
      String osImage,
      Resources allocatable) {
    this(name, ready, unschedulable, roles, labels, taints, osImage, allocatable, "");
  }

  /** True while the node carries a cordon of ours, which the upgrade removes after it. */
  public boolean cordonedByUpgrade() {
    return unschedulable && !cordonMark.isEmpty();
  }

  /** The node as it is after its upgrade: our cordon gone, anyone else's kept. */
  public NodeView afterUpgrade() {
    return cordonedByUpgrade()
        ? new NodeView(name, ready, false, roles, labels, taints, osImage, allocatable, "")
        : this;
  }

  /** Control-plane and etcd nodes hold quorum: they go first, one at a time. */
  public boolean isManagement() {
    return roles.contains(NodeRole.CONTROL_PLANE) || roles.contains(NodeRole.ETCD);
  }

  public boolean isWitness() {
    return roles.contains(NodeRole.WITNESS);
  }
}
