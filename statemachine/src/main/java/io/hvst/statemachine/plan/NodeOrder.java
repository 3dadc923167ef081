package io.hvst.statemachine.plan;

import io.hvst.statemachine.cluster.NodeView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The deterministic order in which nodes are upgraded: management nodes (control plane, etcd,
 * witness) first, then workers, each group by name. Within its group, the node hosting the
 * upgrade-repo VM goes last, so that the VM can move to a node that is already upgraded and move
 * only once.
 */
public final class NodeOrder {

  private NodeOrder() {}

  public static List<String> of(Collection<NodeView> nodes, Optional<String> repoVmHost) {
    Comparator<NodeView> order =
        Comparator.comparing((NodeView n) -> !n.isManagement())
            .thenComparing(n -> repoVmHost.filter(n.name()::equals).isPresent())
            .thenComparing(NodeView::name);
    List<NodeView> sorted = new ArrayList<>(nodes);
    sorted.sort(order);
    return sorted.stream().map(NodeView::name).toList();
  }
}
