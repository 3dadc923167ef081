package io.hvst.simulator.bench;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.placement.UpgradePlanResult;
import io.hvst.statemachine.placement.UpgradePlanSimulation;
import io.hvst.statemachine.plan.NodeOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A whole upgrade's placements dry-run on the initial snapshot, in the controller's node order:
 * once choosing targets as the controller does (upgraded nodes first), once naively.
 *
 * @param order the node order the controller computes for this cluster
 * @param mustLeave per node of the order, its VMs that move by live migration
 */
record PlanFigures(
    List<String> order,
    List<Integer> mustLeave,
    UpgradePlanResult planned,
    UpgradePlanResult naive) {

  static PlanFigures of(
      ClusterSnapshot snapshot, Optional<String> repoHost, Resources launcherOverhead) {
    List<String> order = NodeOrder.of(snapshot.nodes().values(), repoHost);
    List<Integer> mustLeave = new ArrayList<>();
    for (String node : order) {
      mustLeave.add(
          (int)
              snapshot.vms().stream()
                  .filter(VmView::movesByMigration)
                  .filter(vm -> vm.nodeName().equals(node))
                  .count());
    }
    return new PlanFigures(
        order,
        mustLeave,
        UpgradePlanSimulation.simulate(snapshot, order, true, launcherOverhead),
        UpgradePlanSimulation.simulate(snapshot, order, false, launcherOverhead));
  }

  /**
   * The cluster as it was before the Upgrade, plus what Harvester created for it (the repo VM and
   * its pod) as seen {@code after}: nothing the controller did since then leaks in.
   */
  static ClusterSnapshot withNewVms(ClusterSnapshot before, ClusterSnapshot after) {
    Set<String> vms = before.vms().stream().map(VmView::key).collect(Collectors.toSet());
    Set<String> pods = before.pods().stream().map(PlanFigures::key).collect(Collectors.toSet());
    List<VmView> allVms = new ArrayList<>(before.vms());
    after.vms().stream().filter(vm -> !vms.contains(vm.key())).forEach(allVms::add);
    List<PodView> allPods = new ArrayList<>(before.pods());
    after.pods().stream().filter(p -> !pods.contains(key(p))).forEach(allPods::add);
    return new ClusterSnapshot(
        before.observedAt(),
        before.nodes(),
        allVms,
        before.jobs(),
        allPods,
        before.migrations(),
        before.quotas(),
        before.virtualMachines(),
        before.evictionBlocks(),
        before.schedulingPolicy());
  }

  /** VMs in {@code after} that {@code before} lacks. */
  static int newVms(ClusterSnapshot before, ClusterSnapshot after) {
    return after.vms().size() - before.vms().size();
  }

  /** What blocks the plan, in a line: the count and the first blocker. */
  String blockerSummary() {
    List<String> blockers = planned.blockers();
    if (blockers.isEmpty()) {
      return "";
    }
    String first = blockers.get(0);
    int cut = first.indexOf("; ");
    return blockers.size()
        + " of "
        + planned.vms()
        + " VMs find no node with one node out of service, e.g. "
        + (cut > 0 ? first.substring(0, cut) + "; ...)" : first);
  }

  private static String key(PodView pod) {
    return pod.namespace() + "/" + pod.name();
  }
}
