package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.policy.DrainPolicy;
import java.util.List;

/**
 * VMs a drain cannot live-migrate, because they are not migratable or because no node can take
 * them: stopped when the policy accepts the downtime, otherwise the drain waits and says why.
 */
final class StuckVms {

  private StuckVms() {}

  static void handle(DrainPass pass, List<VmView> stuck) {
    for (VmView vm : stuck) {
      if (stoppable(pass.ctx, vm)) {
        StopFlow.Result r = StopFlow.stop(pass.rec, vm, pass.ctx.snapshot(), pass.ctx.now());
        pass.rec = r.record();
        pass.actions.addAll(r.actions());
        pass.waitFor(Reason.VM_STOPPING, "Stopping " + vm.key() + " (" + why(vm) + ").");
      } else {
        pass.waitFor(
            Reason.NON_MIGRATABLE_VMS,
            vm.key()
                + " cannot be live-migrated ("
                + why(vm)
                + "); move or stop it, or set the non-migratable policy to Stop.");
      }
    }
  }

  /** The policy lets us stop this VM (and it has a VirtualMachine to start it again). */
  static boolean stoppable(StepContext ctx, VmView vm) {
    boolean repoAllowed = vm.isRepoVm() && ctx.policy().drain().allowRepoVmShutdown();
    boolean stopPolicy =
        ctx.policy().drain().nonMigratable() == DrainPolicy.NonMigratablePolicy.STOP
            && !vm.isRepoVm();
    return (repoAllowed || stopPolicy) && StopFlow.vmKey(vm).isPresent();
  }

  static String why(VmView vm) {
    if (vm.movesByMigration()) {
      return "no node can take it";
    }
    if (!vm.liveMigratable()) {
      return vm.notMigratableReason().isEmpty() ? "not live-migratable" : vm.notMigratableReason();
    }
    return "evictionStrategy " + vm.evictionStrategy();
  }
}
