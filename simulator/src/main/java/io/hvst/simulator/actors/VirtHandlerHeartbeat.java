package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.seed.NodeFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * virt-handler's heartbeat. virt-handler runs on every node (a DaemonSet) and, every interval,
 * labels its node {@code kubevirt.io/schedulable=true}: a {@code false} set by hand does not stick.
 * A node that is not Ready runs nothing, so it is left alone.
 *
 * <p>The real heartbeat patches every beat (with a timestamp annotation too). Here a node whose
 * label already reads {@code true} is skipped: that patch would be a no-op the controller cannot
 * see (no new resourceVersion, no watch event), and skipping it keeps big bench clusters cheap.
 */
public final class VirtHandlerHeartbeat {

  private final Informers informers;
  private final Writes writes;
  private final ScheduledExecutorService timers;
  private final Duration interval;
  private final AtomicBoolean enabled;
  private final Map<String, Integer> patches = new ConcurrentHashMap<>();

  public VirtHandlerHeartbeat(
      Informers informers,
      Writes writes,
      ScheduledExecutorService timers,
      Duration interval,
      boolean enabled) {
    this.informers = informers;
    this.writes = writes;
    this.timers = timers;
    this.interval = interval;
    this.enabled = new AtomicBoolean(enabled);
  }

  public void start() {
    ScheduledFuture<?> unused =
        timers.scheduleWithFixedDelay(
            this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Switches the heartbeat on or off on every node (off: as if virt-handler were down). */
  public void enabled(boolean on) {
    enabled.set(on);
  }

  public boolean enabled() {
    return enabled.get();
  }

  /** Patches that set the label back to {@code true} on this node. */
  public int patches(String node) {
    return patches.getOrDefault(node, 0);
  }

  /** Patches that set the label back to {@code true}, over all nodes. */
  public int patches() {
    return patches.values().stream().mapToInt(Integer::intValue).sum();
  }

  private void beat() {
    if (!enabled.get()) {
      return;
    }
    for (Node node : informers.nodes().getStore().list()) {
      if (Placement.ready(node) && !schedulable(node)) {
        label(node.getMetadata().getName());
      }
    }
  }

  private void label(String node) {
    Map<String, Object> patch =
        Map.of("metadata", Map.of("labels", Map.of(NodeFactory.SCHEDULABLE_LABEL, "true")));
    try {
      if (writes.merge(NodeOs.named(node), patch)) {
        patches.merge(node, 1, Integer::sum);
      }
    } catch (KubernetesClientException e) {
      // The API server refused this beat; the next one tries again, as virt-handler's does.
    }
  }

  private static boolean schedulable(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(NodeFactory.SCHEDULABLE_LABEL));
  }
}
