package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.seed.NodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whole-node faults besides the upgrade's own reboot: a node that drops out for a while (its
 * kubelet stops posting status), and a machine removed from the cluster mid-upgrade.
 */
public final class NodeFaults {

  private final Writes writes;
  private final NodeOs os;
  private final ScheduledExecutorService timers;
  private final Clock clock;

  public NodeFaults(Writes writes, NodeOs os, ScheduledExecutorService timers, Clock clock) {
    this.writes = writes;
    this.os = os;
    this.timers = timers;
    this.clock = clock;
  }

  /**
   * The node's kubelet stops posting status now: Ready turns Unknown, as the node lifecycle
   * controller marks it. After {@code downFor} it posts again and the node is Ready. Its pods keep
   * running and its labels and taints stay (nothing rebooted); the node lifecycle controller's
   * unreachable taints are not simulated.
   */
  public void notReadyFor(String node, Duration downFor) {
    setReady(node, NodeFactory.statusUnknown(clock.instant()));
    ScheduledFuture<?> unused =
        timers.schedule(
            () -> setReady(node, NodeFactory.ready(true, clock.instant())),
            downFor.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /**
   * Removes the machine: its Node object goes, then its pods, as the pod garbage collector deletes
   * the pods of a node that is gone (their VMs die and KubeVirt restarts those it should). Its OS
   * never boots again, and an upgrade Job pinned to it never runs.
   */
  public void remove(String node) {
    os.removed(node);
    writes.client().nodes().withName(node).delete();
    for (Pod pod : writes.client().pods().inAnyNamespace().list().getItems()) {
      if (pod.getSpec() != null && node.equals(pod.getSpec().getNodeName())) {
        writes.deletePod(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
      }
    }
  }

  private void setReady(String node, NodeCondition ready) {
    if (os.isRemoved(node)) {
      return;
    }
    writes.merge(NodeOs.named(node), Map.of("status", Map.of("conditions", List.of(ready))));
  }
}
