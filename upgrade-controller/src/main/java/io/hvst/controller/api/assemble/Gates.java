package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.ReasonDto;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.plan.Quorum;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gates a node must pass before it may start, checked on a snapshot as if it were the node's
 * turn now: it must exist and be Ready, and a management node must not break quorum.
 */
final class Gates {

  private Gates() {}

  static List<ReasonDto> blockers(String name, ClusterSnapshot snapshot) {
    Optional<NodeView> node = snapshot.node(name);
    if (node.isEmpty()) {
      return List.of(ReasonDto.of(Reason.NODE_GONE, "Node " + name + " no longer exists."));
    }
    List<ReasonDto> blockers = new ArrayList<>();
    if (!node.get().ready()) {
      blockers.add(ReasonDto.of(Reason.NODE_NOT_READY, "Node " + name + " is not Ready."));
    }
    if (node.get().isManagement() && !Quorum.survivesLosing(name, snapshot)) {
      blockers.add(
          ReasonDto.of(
              Reason.QUORUM_AT_RISK,
              "Taking " + name + " down now would leave too few Ready management nodes."));
    }
    return blockers;
  }
}
