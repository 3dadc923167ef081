package io.hvst.simulator.sandbox;

import java.util.List;
import java.util.Map;

/**
 * The sandbox's JSON report (DESIGN.md section 5). Fields are added over time, never renamed.
 *
 * @param repeatedSideEffects side effects the simulator saw more than once (must be empty)
 * @param restarts how often the controller was stopped and a fresh one started
 */
public record SandboxReport(
    String result,
    UpgradeInfo upgrade,
    List<NodeInfo> nodes,
    VmInfo vms,
    SchedulingInfo scheduling,
    ApiInfo apiRequests,
    String scenario,
    long seed,
    List<String> repeatedSideEffects,
    int restarts) {

  /** The Upgrade and how long it took. */
  /**
   * The Upgrade's end: {@code reason} and {@code message} are those of its {@code Completed}
   * condition (empty when it has none).
   */
  public record UpgradeInfo(
      String namespace,
      String name,
      String phase,
      long durationMs,
      String reason,
      String message) {}

  /** One node's end state and how long each step took. */
  public record NodeInfo(
      String name,
      String state,
      String reason,
      Map<String, Long> stepDurationsMs,
      String message) {}

  /**
   * VMs in the cluster and what happened to them, as the simulated KubeVirt saw it.
   *
   * @param migrations live migrations that succeeded
   * @param stopped Running-to-stopped transitions
   * @param lost VMs that should run but do not, or whose guest died without a stop
   */
  public record VmInfo(
      int total,
      int migrations,
      int stopped,
      int lost,
      int migrationsFailed,
      int started,
      List<String> lostVms) {}

  /**
   * Scheduling labels and taints of the upgraded nodes.
   *
   * @param persisted labels and taints saved in the journal before the nodes were touched
   * @param reapplied changes made after the nodes' upgrades to put them back
   * @param drift reverts seen (and undone) while the nodes settled
   * @param lost saved ones missing from the nodes at the end (not those a policy rule replaces)
   */
  public record SchedulingInfo(int persisted, int reapplied, int drift, int lost) {}

  /** Requests the controller made to the API server. */
  public record ApiInfo(long total, Map<String, Long> byVerb) {}
}
