package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.EvictionBlock;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.decide.UpgradeAction.DeletePod;
import io.hvst.statemachine.decide.UpgradeAction.EvictPod;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pod half of a drain: every pod that is not a DaemonSet pod, a mirror pod or a VM's
 * virt-launcher goes through the Eviction API, so PodDisruptionBudgets are respected; a refused
 * eviction is retried after its backoff, never in a hot loop.
 */
final class DrainPods {

  private DrainPods() {}

  static List<PodView> evictable(DrainPass pass) {
    return pass.ctx.snapshot().podsOn(pass.rec.name()).stream()
        .filter(p -> !p.isDaemonSetPod() && !p.mirror() && !p.isVirtLauncher() && !p.isFinished())
        .toList();
  }

  static void apply(DrainPass pass) {
    for (PodView pod : evictable(pass)) {
      if (pod.terminating()) {
        pass.waitFor(Reason.EVICTING_PODS, "Waiting for " + pod.key() + " to terminate.");
        continue;
      }
      EvictionBlock block = pass.ctx.snapshot().evictionBlocks().get(pod.key());
      if (block != null) {
        pass.waitFor(
            Reason.EVICTION_BLOCKED_BY_PDB,
            "Eviction of " + pod.key() + " refused: " + block.message());
        pass.wakeAt(block.retryAfter());
        continue;
      }
      pass.actions.add(new EvictPod(pass.rec.name(), pod.namespace(), pod.name()));
      pass.waitFor(Reason.EVICTING_PODS, "Evicting " + pod.key() + ".");
    }
  }

  /**
   * Past the drain timeout: delete what still refuses eviction if the policy says so, else fail.
   */
  static void overtime(DrainPass pass) {
    List<PodView> left = evictable(pass);
    if (left.isEmpty()) {
      return;
    }
    if (pass.ctx.policy().drain().forceDeleteOnDrainTimeout()) {
      pass.overtime = true;
      left.forEach(
          p -> pass.actions.add(new DeletePod(pass.rec.name(), p.namespace(), p.name(), true)));
      pass.waitFor(
          Reason.EVICTING_PODS,
          "Drain timed out; deleting " + names(left) + " (forced by policy).");
      return;
    }
    String blocked =
        left.stream()
            .map(
                p -> {
                  EvictionBlock b = pass.ctx.snapshot().evictionBlocks().get(p.key());
                  return p.key() + (b == null ? "" : " (" + b.message() + ")");
                })
            .collect(Collectors.joining(", "));
    pass.fail(
        Reason.DRAIN_TIMEOUT,
        "Node "
            + pass.rec.name()
            + " was not drained within "
            + pass.ctx.policy().timeout(pass.rec.state())
            + "; still on it: "
            + blocked
            + ".");
  }

  private static String names(List<PodView> pods) {
    return pods.stream().map(PodView::key).collect(Collectors.joining(", "));
  }
}
