package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.CpuSpec;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.placement.Rejection.Reason;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whether a VM running on {@code source} can live-migrate to {@code target}, by the labels of
 * KubeVirt's node labeller (DESIGN.md section 4).
 *
 * <p>KubeVirt checks only the vendor for {@code host-passthrough}; libvirt then fails the migration
 * on a target that lacks a feature the VM already uses. We refuse such targets up front: same host
 * model and every source feature present.
 */
public final class CpuCompatibility {

  private CpuCompatibility() {}

  /** Empty when the target can take the VM; otherwise the first CPU rule it breaks. */
  public static Optional<Rejection> check(VmView vm, NodeView source, NodeView target) {
    return check(vm, NodeCpu.of(source), NodeCpu.of(target));
  }

  /** The same, for labels already read (a plan reads each node's once). */
  static Optional<Rejection> check(VmView vm, NodeCpu from, NodeCpu to) {
    return vendor(from, to)
        .or(() -> model(vm.cpu(), from, to))
        .or(() -> features(to, required(vm.cpu(), from)));
  }

  private static Optional<Rejection> vendor(NodeCpu from, NodeCpu to) {
    if (from.vendors().equals(to.vendors())) {
      return Optional.empty();
    }
    String detail =
        "CPU vendor " + to.vendorText() + " differs from the source's " + from.vendorText();
    return refuse(to, Reason.VENDOR_MISMATCH, detail);
  }

  private static Optional<Rejection> model(CpuSpec cpu, NodeCpu from, NodeCpu to) {
    if (cpu.isNamed()) {
      return to.models().contains(cpu.model())
          ? Optional.empty()
          : refuse(to, Reason.MODEL_UNSUPPORTED, "cannot run CPU model " + cpu.model());
    }
    if (from.hostModel().isEmpty()) {
      return refuse(to, Reason.HOST_MODEL_MISMATCH, from.node() + " reports no host model");
    }
    String hostModel = from.hostModel().get();
    if (cpu.isHostModel()) {
      return to.migrationModels().contains(hostModel)
          ? Optional.empty()
          : refuse(to, Reason.HOST_MODEL_MISMATCH, "does not accept host model " + hostModel);
    }
    return to.hostModel().equals(from.hostModel())
        ? Optional.empty()
        : refuse(
            to,
            Reason.HOST_MODEL_MISMATCH,
            "host model " + to.hostModel().orElse("unknown") + " differs from " + hostModel);
  }

  /** What the target must offer: the VM's own required features plus what its model pins. */
  private static SortedSet<String> required(CpuSpec cpu, NodeCpu from) {
    SortedSet<String> features = new TreeSet<>(cpu.requiredFeatures());
    if (cpu.isHostModel()) {
      features.addAll(from.hostModelRequiredFeatures());
    } else if (cpu.isHostPassthrough()) {
      features.addAll(from.features());
    }
    return features;
  }

  private static Optional<Rejection> features(NodeCpu to, SortedSet<String> required) {
    SortedSet<String> missing = new TreeSet<>(required);
    missing.removeAll(to.features());
    return missing.isEmpty()
        ? Optional.empty()
        : refuse(
            to, Reason.MISSING_CPU_FEATURES, "lacks CPU features " + String.join(", ", missing));
  }

  private static Optional<Rejection> refuse(NodeCpu target, Reason reason, String detail) {
    return Optional.of(new Rejection(target.node(), reason, detail));
  }
}
