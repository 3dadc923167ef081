package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.VmView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where one VM goes, if anywhere.
 *
 * @param rejections why each refused candidate node was refused, by node name
 */
public record Placement(VmView vm, Optional<String> target, List<Rejection> rejections) {

  public Placement {
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(target, "target");
    rejections = List.copyOf(rejections);
  }

  public boolean placed() {
    return target.isPresent();
  }

  /**
   * "ns/vm -> node-4", or "ns/vm: no node can take it (node-2: lacks CPU features avx512f; node-3:
   * cordoned)". The source node is left out: it never was a candidate.
   */
  public String describe() {
    if (placed()) {
      return vm.key() + " -> " + target.get();
    }
    String reasons =
        rejections.stream()
            .filter(r -> r.reason() != Rejection.Reason.SOURCE_NODE)
            .map(Rejection::describe)
            .collect(Collectors.joining("; "));
    return vm.key()
        + ": no node can take it ("
        + (reasons.isEmpty() ? "no other node" : reasons)
        + ")";
  }
}
