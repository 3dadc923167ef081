package io.hvst.statemachine.placement;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Free resources per node: allocatable, minus the requests of the pods that hold resources there,
 * minus the VMs that in-flight migrations are bringing there but whose pod does not exist yet,
 * minus what plans reserved. Plans change it as they go; each plan owns its own.
 */
public final class NodeCapacity {

  /** What one VM holds on one node. */
  private record Slot(String node, String vm) {}

  private final Map<String, Resources> free = new HashMap<>();
  private final Map<Slot, Resources> held = new HashMap<>();

  private NodeCapacity() {}

  /** The snapshot's free resources; an incoming VM without its pod yet needs the overhead too. */
  public static NodeCapacity of(ClusterSnapshot snapshot, Resources launcherOverhead) {
    NodeCapacity capacity = new NodeCapacity();
    snapshot.nodes().values().forEach(n -> capacity.free.put(n.name(), n.allocatable()));
    snapshot.pods().stream()
        .filter(p -> !p.isFinished() && capacity.free.containsKey(p.nodeName()))
        .forEach(capacity::take);
    snapshot.migrations().values().stream()
        .filter(m -> !m.finished() && capacity.free.containsKey(m.targetNode()))
        .forEach(m -> capacity.expect(m, snapshot, launcherOverhead));
    return capacity;
  }

  /** Free resources of the node; none for a node the snapshot does not have. */
  public Resources free(String node) {
    return free.getOrDefault(node, Resources.NONE);
  }

  /** The VM will run on the node, needing {@code need} there. */
  public void reserve(VmView vm, String node, Resources need) {
    free.put(node, free(node).minus(need));
    held.merge(new Slot(node, vm.key()), need, Resources::plus);
  }

  /** The VM left the node: what it held there is free again. */
  public void release(VmView vm, String node) {
    Resources was = held.remove(new Slot(node, vm.key()));
    if (was != null) {
      free.put(node, free(node).plus(was));
    }
  }

  private void take(PodView pod) {
    free.put(pod.nodeName(), free(pod.nodeName()).minus(pod.requests()));
    if (pod.isVirtLauncher()) {
      held.merge(
          new Slot(pod.nodeName(), pod.namespace() + "/" + pod.vmi()),
          pod.requests(),
          Resources::plus);
    }
  }

  private void expect(MigrationView migration, ClusterSnapshot snapshot, Resources overhead) {
    Optional<VmView> vm = snapshot.vm(migration.namespace(), migration.vmi());
    boolean podThere =
        held.containsKey(
            new Slot(migration.targetNode(), migration.namespace() + "/" + migration.vmi()));
    if (vm.isPresent() && !podThere) {
      reserve(vm.get(), migration.targetNode(), vm.get().requests().plus(overhead));
    }
  }
}
