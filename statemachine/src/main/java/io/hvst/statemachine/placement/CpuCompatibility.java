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
    NodeCpu from = NodeCpu.of(source);
    NodeCpu to = NodeCpu.of(target);
    return vendor(target.name(), from, to)
        .or(() -> model(vm.cpu(), source.name(), target.name(), from, to))
        .or(() -> features(target.name(), required(vm.cpu(), from), to));
  }

  private static Optional<Rejection> vendor(String target, NodeCpu from, NodeCpu to) {
    if (from.vendors().equals(to.vendors())) {
      return Optional.empty();
    }
    String detail =
        "CPU vendor " + to.vendorText() + " differs from the source's " + from.vendorText();
    return Optional.of(new Rejection(target, Reason.VENDOR_MISMATCH, detail));
  }

  private static Optional<Rejection> model(
      CpuSpec cpu, String source, String target, NodeCpu from, NodeCpu to) {
    if (cpu.isNamed()) {
      return to.models().contains(cpu.model())
          ? Optional.empty()
          : refuse(target, Reason.MODEL_UNSUPPORTED, "cannot run CPU model " + cpu.model());
    }
    if (from.hostModel().isEmpty()) {
      return refuse(target, Reason.HOST_MODEL_MISMATCH, source + " reports no host model");
    }
    String hostModel = from.hostModel().get();
    if (cpu.isHostModel()) {
      return to.migrationModels().contains(hostModel)
          ? Optional.empty()
          : refuse(target, Reason.HOST_MODEL_MISMATCH, "does not accept host model " + hostModel);
    }
    return to.hostModel().equals(from.hostModel())
        ? Optional.empty()
        : refuse(
            target,
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

  private static Optional<Rejection> features(
      String target, SortedSet<String> required, NodeCpu to) {
    SortedSet<String> missing = new TreeSet<>(required);
    missing.removeAll(to.features());
    return missing.isEmpty()
        ? Optional.empty()
        : refuse(
            target,
            Reason.MISSING_CPU_FEATURES,
            "lacks CPU features " + String.join(", ", missing));
  }

  private static Optional<Rejection> refuse(String node, Reason reason, String detail) {
    return Optional.of(new Rejection(node, reason, detail));
  }
}
