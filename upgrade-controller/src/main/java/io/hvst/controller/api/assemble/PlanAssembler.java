package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.Placement;
import io.hvst.controller.api.dto.PlannedNode;
import io.hvst.controller.api.dto.ReasonDto;
import io.hvst.controller.api.dto.UpgradePlan;
import io.hvst.controller.api.dto.UpgradePlan.OrderSource;
import io.hvst.controller.api.dto.Validation;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.Refusal;
import io.hvst.statemachine.decide.UpgradeValidator;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.plan.NodeOrder;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dry run of an upgrade on a snapshot: the node order (the journal's once started), the
 * validator's verdict, the VMs of each node and the gates that would hold a node back.
 */
public final class PlanAssembler {

  private final UpgradePolicy policy;
  private final UpgradeValidator validator;

  public PlanAssembler(UpgradePolicy policy) {
    this.policy = policy;
    this.validator = new UpgradeValidator(policy);
  }

  /** The plan of an existing Upgrade, started ({@code journal} present) or not. */
  public UpgradePlan plan(
      UpgradeRequest upgrade, Optional<Journal> journal, ClusterSnapshot snapshot) {
    List<String> order =
        journal
            .map(j -> j.upgrade().order())
            .orElseGet(
                () ->
                    NodeOrder.of(
                        snapshot.nodes().values(), snapshot.repoVm(upgrade).map(VmView::nodeName)));
    Placements placements =
        Placements.simulate(
            snapshot, stillToDrain(order, journal), inFlight(journal), policy.drain());
    return new UpgradePlan(
        upgrade.namespace(),
        upgrade.name(),
        journal.map(j -> j.upgrade().targetVersion()).orElse(upgrade.version()),
        journal.isPresent(),
        journal.isPresent() ? OrderSource.JOURNAL : OrderSource.COMPUTED,
        validation(upgrade, snapshot),
        nodes(order, journal, snapshot, placements),
        placements.planning(),
        snapshot.observedAt());
  }

  /** The plan of a hypothetical Upgrade to {@code version}, as if it were created now. */
  public UpgradePlan preview(String namespace, String version, ClusterSnapshot snapshot) {
    UpgradeRequest hypothetical =
        new UpgradeRequest(
            namespace, "preview", "", version, null, snapshot.observedAt(), Map.of());
    UpgradePlan plan = plan(hypothetical, Optional.empty(), snapshot);
    return new UpgradePlan(
        null,
        null,
        plan.version(),
        false,
        plan.orderSource(),
        plan.validation(),
        plan.nodes(),
        plan.placementPlanning(),
        plan.observedAt());
  }

  private Validation validation(UpgradeRequest upgrade, ClusterSnapshot snapshot) {
    Optional<Refusal> refusal = validator.validate(upgrade, snapshot);
    String current = validator.previousVersion(snapshot);
    return new Validation(
        refusal.isEmpty(),
        refusal.map(r -> ReasonDto.of(r.reason(), r.message())).orElse(null),
        current.isBlank() ? null : current);
  }

  /** Our migrations under way, VM key to target node: the dry run starts from their end. */
  private static Map<String, String> inFlight(Optional<Journal> journal) {
    Map<String, String> moving = new HashMap<>();
    journal.stream()
        .flatMap(j -> j.nodeRecords().stream())
        .flatMap(r -> r.migrations().stream())
        .filter(m -> !m.finished() && !m.target().isBlank())
        .forEach(m -> moving.put(m.vm(), m.target()));
    return moving;
  }

  /** Nodes whose drain is still to come: not started, or not yet on to their upgrade Job. */
  private static List<String> stillToDrain(List<String> order, Optional<Journal> journal) {
    return order.stream()
        .filter(
            name ->
                journal
                    .flatMap(j -> j.node(name))
                    .map(
                        rec ->
                            rec.state() != NodeState.SUCCEEDED
                                && rec.enteredAt(NodeState.UPGRADE).isEmpty())
                    .orElse(true))
        .toList();
  }

  private List<PlannedNode> nodes(
      List<String> order,
      Optional<Journal> journal,
      ClusterSnapshot snapshot,
      Placements placements) {
    List<PlannedNode> nodes = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String name = order.get(i);
      Optional<NodeView> view = snapshot.node(name);
      NodeState state = journal.flatMap(j -> j.node(name)).map(NodeRecord::state).orElse(null);
      List<VmView> vms = VmsOnNode.of(snapshot, name);
      boolean notStarted = state == null || state == NodeState.QUEUED;
      List<Placement> planned = placements.at(name, vms);
      List<ReasonDto> blockers =
          new ArrayList<>(notStarted ? Gates.blockers(name, snapshot) : List.of());
      planned.stream()
          .filter(p -> p.target() == null && p.reason().contains("no node can take it"))
          .forEach(p -> blockers.add(ReasonDto.of(Reason.NO_MIGRATION_TARGET, p.reason())));
      nodes.add(
          new PlannedNode(
              i + 1,
              name,
              view.map(NodeView::isManagement).orElse(false),
              view.map(NodeView::ready).orElse(false),
              view.map(NodeView::unschedulable).orElse(false),
              view.map(policy::reportedVersion).filter(v -> !v.isBlank()).orElse(null),
              state,
              vms.stream().map(VmsOnNode::view).toList(),
              blockers,
              planned));
    }
    return nodes;
  }
}
