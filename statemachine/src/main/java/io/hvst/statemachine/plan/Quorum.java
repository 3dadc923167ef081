package io.hvst.statemachine.plan;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import java.util.List;

/**
 * Control-plane quorum. With three or more management nodes, one may go down only if a majority of
 * them stays Ready. Clusters with one or two management nodes cannot keep quorum through an upgrade
 * at all (Harvester documents the downtime), so they are not held back by it.
 */
public final class Quorum {

  private Quorum() {}

  public static boolean survivesLosing(String candidate, ClusterSnapshot snapshot) {
    List<NodeView> members =
        snapshot.nodes().values().stream().filter(NodeView::isManagement).toList();
    if (members.size() < 3) {
      return true;
    }
    long readyOthers =
        members.stream().filter(n -> n.ready() && !n.name().equals(candidate)).count();
    return readyOthers >= members.size() / 2 + 1;
  }
}
