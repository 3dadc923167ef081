package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.Placement;
import io.hvst.controller.api.dto.PlacementPlanning;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.placement.UpgradePlanResult;
import io.hvst.statemachine.placement.UpgradePlanSimulation;
import io.hvst.statemachine.policy.DrainPolicy;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * VM placements of a plan: the core's dry run of the drains still to come, in order, on the cluster
 * as cached now. A VM placed on a node that is drained later is listed again at that node's turn.
 */
final class Placements {

  private final UpgradePlanResult result;
  private final Map<String, UpgradePlanResult.NodePlan> byNode;
  private final Set<String> toDrain;
  private final Map<String, String> inFlight;
  private final DrainPolicy drain;

  private Placements(
      UpgradePlanResult result,
      List<String> toDrain,
      Map<String, String> inFlight,
      DrainPolicy drain) {
    this.result = result;
    this.byNode =
        result.nodes().stream()
            .collect(Collectors.toMap(UpgradePlanResult.NodePlan::node, Function.identity()));
    this.toDrain = Set.copyOf(toDrain);
    this.inFlight = Map.copyOf(inFlight);
    this.drain = drain;
  }

  /**
   * Plays the drains of {@code toDrain}, in that order; every other node counts as upgraded. VMs in
   * {@code inFlight} (VM key to target) are migrating now: the dry run starts with them there.
   */
  static Placements simulate(
      ClusterSnapshot snapshot,
      List<String> toDrain,
      Map<String, String> inFlight,
      DrainPolicy drain) {
    ClusterSnapshot landed =
        snapshot.withVms(
            snapshot.vms().stream()
                .map(vm -> inFlight.containsKey(vm.key()) ? vm.movedTo(inFlight.get(vm.key())) : vm)
                .toList());
    UpgradePlanResult result =
        UpgradePlanSimulation.simulate(
            landed, toDrain, drain.preferUpgradedTargets(), drain.launcherOverhead());
    return new Placements(result, toDrain, inFlight, drain);
  }

  PlacementPlanning planning() {
    return new PlacementPlanning(
        true,
        String.format(
            Locale.ROOT,
            "Targets from a dry run of the drains still to come, in order, on the cluster as"
                + " cached now; a VM planned onto a node not upgraded yet moves again at that"
                + " node's turn. %d live migrations for %d VMs (%.2f per VM)%s.",
            result.migrations(),
            result.vms(),
            result.migrationsPerVm(),
            result.feasible() ? "" : "; " + result.blockers().size() + " VMs have no way off"));
  }

  /** What happens to each VM on {@code node} at its turn; empty for nodes already done. */
  List<Placement> at(String node, List<VmView> runningThereNow) {
    if (!toDrain.contains(node)) {
      return List.of();
    }
    UpgradePlanResult.NodePlan planned = byNode.get(node);
    List<io.hvst.statemachine.placement.Placement> moves =
        planned == null ? List.of() : planned.placements();
    Set<String> moving = new HashSet<>();
    moves.forEach(p -> moving.add(p.vm().key()));
    Set<String> upgradedBefore = upgradedBefore(node);
    Stream<Placement> migrated = moves.stream().map(p -> migrated(node, p, upgradedBefore));
    Stream<Placement> migratingNow =
        runningThereNow.stream()
            .filter(vm -> !moving.contains(vm.key()) && inFlight.containsKey(vm.key()))
            .map(vm -> migratingNow(node, vm, upgradedBefore));
    Stream<Placement> staying =
        runningThereNow.stream()
            .filter(vm -> !moving.contains(vm.key()) && !inFlight.containsKey(vm.key()))
            .filter(vm -> !vm.movesByMigration())
            .map(vm -> new Placement(node, vm.key(), null, notMigrated(vm)));
    return Stream.of(migrated, migratingNow, staying)
        .flatMap(Function.identity())
        .sorted(Comparator.comparing(Placement::vm))
        .toList();
  }

  private Placement migratingNow(String node, VmView vm, Set<String> upgradedBefore) {
    String target = inFlight.get(vm.key());
    return new Placement(
        node, vm.key(), target, "live-migrating now " + movesOnceOrAgain(target, upgradedBefore));
  }

  private Set<String> upgradedBefore(String node) {
    Set<String> upgraded = new HashSet<>();
    for (UpgradePlanResult.NodePlan plan : result.nodes()) {
      if (plan.node().equals(node)) {
        return upgraded;
      }
      upgraded.add(plan.node());
    }
    return upgraded;
  }

  private Placement migrated(
      String node, io.hvst.statemachine.placement.Placement p, Set<String> upgradedBefore) {
    if (!p.placed()) {
      return new Placement(node, p.vm().key(), null, p.describe());
    }
    String target = p.target().get();
    return new Placement(
        node, p.vm().key(), target, "live-migrates " + movesOnceOrAgain(target, upgradedBefore));
  }

  private String movesOnceOrAgain(String target, Set<String> upgradedBefore) {
    return !toDrain.contains(target) || upgradedBefore.contains(target)
        ? "to a node already upgraded: it moves once"
        : "to a node not upgraded yet: it moves again when " + target + " drains";
  }

  private String notMigrated(VmView vm) {
    String cause = vm.notMigratableReason().isBlank() ? "" : " (" + vm.notMigratableReason() + ")";
    return switch (drain.nonMigratable()) {
      case STOP -> "cannot live-migrate" + cause + ": stopped for the drain, started again after";
      case BLOCK -> "cannot live-migrate" + cause + ": the node waits until it is moved or stopped";
    };
  }
}
