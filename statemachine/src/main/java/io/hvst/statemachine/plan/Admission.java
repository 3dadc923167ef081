package io.hvst.statemachine.plan;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which queued nodes may start now. Nodes start strictly in journal order; management nodes one at
 * a time and only while quorum holds; workers only after every management node succeeded; never
 * more than {@code maxUnavailable} nodes out of service, counting nodes that are down for reasons
 * of their own.
 */
public final class Admission {

  /** The nodes to start, and what holds back the first one that may not. */
  public record Result(List<String> start, Optional<Wait> blocked) {}

  private Admission() {}

  public static Result decide(Journal journal, ClusterSnapshot snapshot, int maxUnavailable) {
    Set<String> outOfService = outOfService(journal, snapshot);
    int budget = maxUnavailable - outOfService.size();
    boolean othersDown = outOfService.size() > ours(journal).size();
    boolean managementBusy =
        outOfService.stream()
            .map(snapshot::node)
            .flatMap(Optional::stream)
            .anyMatch(NodeView::isManagement);
    boolean managementDone = managementDone(journal, snapshot);
    List<String> start = new ArrayList<>();
    for (String name : journal.upgrade().order()) {
      NodeRecord rec = journal.node(name).orElseThrow();
      if (rec.state() != NodeState.QUEUED) {
        continue;
      }
      boolean management = snapshot.node(name).map(NodeView::isManagement).orElse(false);
      Optional<Reason> gate =
          gate(name, management, managementDone, managementBusy, budget, othersDown, snapshot);
      if (gate.isPresent()) {
        return new Result(start, Optional.of(new Wait(name, gate.get(), null)));
      }
      start.add(name);
      budget--;
      managementBusy |= management;
    }
    return new Result(start, Optional.empty());
  }

  private static Optional<Reason> gate(
      String name,
      boolean management,
      boolean managementDone,
      boolean managementBusy,
      int budget,
      boolean othersDown,
      ClusterSnapshot snapshot) {
    if (!management && !managementDone) {
      return Optional.of(Reason.WAITING_FOR_TURN);
    }
    if (budget <= 0) {
      // Our own nodes filling the budget is the normal pace; a node down on its own is a block.
      return Optional.of(othersDown ? Reason.MAX_UNAVAILABLE_REACHED : Reason.WAITING_FOR_TURN);
    }
    if (management && managementBusy) {
      return Optional.of(Reason.WAITING_FOR_TURN);
    }
    if (management && !Quorum.survivesLosing(name, snapshot)) {
      return Optional.of(Reason.QUORUM_AT_RISK);
    }
    return Optional.empty();
  }

  /** Nodes we took out of service. */
  static Set<String> ours(Journal journal) {
    return journal.nodeRecords().stream()
        .filter(r -> r.state().isOutOfService() && r.resumeTo() != NodeState.QUEUED)
        .map(NodeRecord::name)
        .collect(Collectors.toSet());
  }

  /** Nodes we took out of service, plus nodes that are down without us. */
  static Set<String> outOfService(Journal journal, ClusterSnapshot snapshot) {
    Set<String> ours = ours(journal);
    snapshot.nodes().values().stream()
        .filter(n -> !n.ready())
        .filter(n -> journal.node(n.name()).map(r -> r.state() != NodeState.FAILED).orElse(true))
        .forEach(n -> ours.add(n.name()));
    return ours;
  }

  private static boolean managementDone(Journal journal, ClusterSnapshot snapshot) {
    return journal.nodeRecords().stream()
        .filter(r -> snapshot.node(r.name()).map(NodeView::isManagement).orElse(false))
        .allMatch(r -> r.state() == NodeState.SUCCEEDED);
  }
}
