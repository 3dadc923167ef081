package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.placement.Placement;
import io.hvst.statemachine.placement.PlacementPlan;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Before a node is touched: every VM that must move has somewhere to go, and every VM that cannot
 * move is one the policy lets us stop. Otherwise the node is not cordoned and the reason says which
 * VMs and why.
 */
final class PreDrainGate {

  private PreDrainGate() {}

  static Optional<StepResult> check(StepContext ctx) {
    List<VmView> vms =
        ctx.snapshot().vmsOn(ctx.record().name()).stream().filter(DrainVms::occupies).toList();
    List<VmView> movable = vms.stream().filter(VmView::movesByMigration).toList();
    if (!movable.isEmpty()) {
      PlacementPlan plan = Placements.plan(ctx, movable);
      List<Placement> unplaced =
          plan.unplaced().stream().filter(p -> !StuckVms.stoppable(ctx, p.vm())).toList();
      if (!unplaced.isEmpty()) {
        return Optional.of(StepResult.fail(Reason.NO_MIGRATION_TARGET, plan.describeUnplaced()));
      }
    }
    List<VmView> blocking =
        vms.stream().filter(vm -> !vm.movesByMigration() && !StuckVms.stoppable(ctx, vm)).toList();
    if (!blocking.isEmpty()) {
      String list =
          blocking.stream()
              .map(vm -> vm.key() + " (" + StuckVms.why(vm) + ")")
              .collect(Collectors.joining(", "));
      return Optional.of(
          StepResult.stay(
              ctx.record(),
              Reason.NON_MIGRATABLE_VMS,
              "Not cordoning "
                  + ctx.record().name()
                  + ": these VMs cannot be live-migrated: "
                  + list
                  + ". Move or stop them, or set the non-migratable policy to Stop."));
    }
    return Optional.empty();
  }
}
