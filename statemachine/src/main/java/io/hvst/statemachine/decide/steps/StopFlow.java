package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.VirtualMachineView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.decide.UpgradeAction.StartVm;
import io.hvst.statemachine.decide.UpgradeAction.StopVm;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.journal.StoppedVm.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stopping a VM that cannot move, and starting it again once its node is back. The stop is
 * journaled (with the VM's runStrategy) before it is sent, so a stopped VM is never forgotten.
 */
final class StopFlow {

  /** The record after this pass, what to do, and whether every VM concerned is settled. */
  record Result(NodeRecord record, List<UpgradeAction> actions, boolean settled) {}

  private StopFlow() {}

  /** The VirtualMachine key of a VMI, or empty for a bare VMI (which cannot be stopped safely). */
  static Optional<String> vmKey(VmView vmi) {
    return vmi.owner().isEmpty()
        ? Optional.empty()
        : Optional.of(vmi.namespace() + "/" + vmi.owner());
  }

  /** Stops the VMI's VirtualMachine; settled once the VMI is gone. */
  static Result stop(NodeRecord rec, VmView vmi, ClusterSnapshot snapshot, Instant now) {
    String key = vmKey(vmi).orElseThrow();
    Optional<StoppedVm> existing = find(rec, key);
    if (existing.isEmpty()) {
      String strategy =
          Optional.ofNullable(snapshot.virtualMachines().get(key))
              .map(VirtualMachineView::runStrategy)
              .orElse("Always");
      StoppedVm stopping = new StoppedVm(key, strategy, rec.name(), State.STOPPING, now);
      NodeRecord next =
          rec.withStoppedVms(
              list -> {
                list.add(stopping);
                return list;
              });
      return new Result(next, List.of(new StopVm(rec.name(), vmi.namespace(), vmi.owner())), false);
    }
    boolean halted =
        Optional.ofNullable(snapshot.virtualMachines().get(key))
            .map(v -> "Halted".equals(v.runStrategy()))
            .orElse(false);
    return new Result(
        rec,
        halted ? List.of() : List.of(new StopVm(rec.name(), vmi.namespace(), vmi.owner())),
        false);
  }

  /** Marks VMs whose VMI is gone as stopped. */
  static NodeRecord confirmStopped(NodeRecord rec, ClusterSnapshot snapshot, Instant now) {
    NodeRecord next = rec;
    for (StoppedVm s : rec.stoppedVms()) {
      if (s.state() == State.STOPPING && vmi(snapshot, s).isEmpty()) {
        next = replace(next, s, s.in(State.STOPPED, now));
      }
    }
    return next;
  }

  /** Starts every VM this node stopped; settled when each runs again. */
  static Result startAll(NodeRecord rec, ClusterSnapshot snapshot, Instant now) {
    NodeRecord next = confirmStopped(rec, snapshot, now);
    List<UpgradeAction> actions = new ArrayList<>();
    boolean settled = true;
    for (StoppedVm s : next.stoppedVms()) {
      if (s.state() == State.STARTED) {
        continue;
      }
      if (s.state() == State.STARTING && vmi(snapshot, s).map(VmView::isRunning).orElse(false)) {
        next = replace(next, s, s.in(State.STARTED, now));
        continue;
      }
      settled = false;
      StoppedVm starting = s.state() == State.STARTING ? s : s.in(State.STARTING, now);
      next = replace(next, s, starting);
      boolean running =
          Optional.ofNullable(snapshot.virtualMachines().get(s.vm()))
              .map(v -> s.runStrategy().equals(v.runStrategy()))
              .orElse(false);
      if (!running) {
        actions.add(new StartVm(rec.name(), namespace(s), name(s), s.runStrategy()));
      }
    }
    return new Result(next, actions, settled);
  }

  static Optional<StoppedVm> find(NodeRecord rec, String vmKey) {
    return rec.stoppedVms().stream().filter(s -> s.vm().equals(vmKey)).findFirst();
  }

  private static Optional<VmView> vmi(ClusterSnapshot snapshot, StoppedVm s) {
    return snapshot.vms().stream()
        .filter(v -> vmKey(v).filter(s.vm()::equals).isPresent())
        .findFirst();
  }

  private static String namespace(StoppedVm s) {
    return s.vm().substring(0, s.vm().indexOf('/'));
  }

  private static String name(StoppedVm s) {
    return s.vm().substring(s.vm().indexOf('/') + 1);
  }

  private static NodeRecord replace(NodeRecord rec, StoppedVm old, StoppedVm now) {
    return rec.withStoppedVms(
        list -> {
          list.set(list.indexOf(old), now);
          return list;
        });
  }
}
