package io.hvst.simulator.bench;

import java.util.List;

/**
 * What no controller could beat with {@code maxUnavailable=1}, from the simulated work alone.
 *
 * <p>Makespan: nodes leave service one at a time, and a node is out of service from its first
 * migration out until it is back. For each node n that is the node Job plus the reboot, plus the
 * migrations of the {@code m(n)} VMs that must leave it, at most {@code p = min(outbound per node,
 * per cluster)} at a time: {@code sum over n of (job + reboot + ceil(m(n) / p) * migration)}. The
 * second moves of the first node's VMs are left out: they leave another node and could, in
 * principle, share the cluster's remaining migration slots with a later drain.
 *
 * <p>Migrations: every VM that must leave its node moves at least once, and the VMs of the node
 * drained first find no upgraded node yet, so they land on a node that is drained later and move
 * twice; the best order drains the node with the fewest VMs first: {@code (V + min over n of m(n))
 * / V}.
 */
final class LowerBounds {

  /**
   * The simulated work of one node.
   *
   * @param outboundPerNode KubeVirt's limit of parallel migrations out of one node
   * @param perCluster KubeVirt's limit of parallel migrations in the cluster
   */
  record Work(long jobMs, long rebootMs, long migrationMs, int outboundPerNode, int perCluster) {

    int parallel() {
      return Math.max(1, Math.min(outboundPerNode, perCluster));
    }
  }

  private LowerBounds() {}

  /**
   * The makespan bound.
   *
   * @param mustLeave per node, the VMs that must leave it at least once (its live-migratable VMs)
   */
  static long makespanMs(List<Integer> mustLeave, Work work) {
    long total = 0;
    for (int vms : mustLeave) {
      long rounds = ((long) vms + work.parallel() - 1) / work.parallel();
      total += work.jobMs() + work.rebootMs() + rounds * work.migrationMs();
    }
    return total;
  }

  /** The migrations-per-VM bound; 0 when no VM has to move. */
  static double migrationsPerVm(List<Integer> mustLeave) {
    int vms = mustLeave.stream().mapToInt(Integer::intValue).sum();
    if (vms == 0) {
      return 0.0;
    }
    int twice = mustLeave.stream().mapToInt(Integer::intValue).min().orElse(0);
    return (double) (vms + twice) / vms;
  }
}
