package io.hvst.simulator.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * One size's entry in the report. The first sixteen keys are the contract (DESIGN.md section 7);
 * the rest were added. A number that was not measured (the size did not fit, or failed before) is
 * null. See {@link Definitions} for what each number means.
 *
 * @param size {@code NODESxVMS_PER_NODE}
 * @param result Succeeded, Failed, Aborted, TimedOut, DoesNotFit or Error
 * @param reason why it did not succeed; empty when it did
 * @param plannedMigrationsPerVm the dry run's migrations per VM with upgraded targets first
 */
public record SizeResult(
    int nodes,
    int vms,
    Long wallMs,
    Long makespanMs,
    Long makespanLowerBoundMs,
    Long pipelinedMakespanMs,
    Double migrationsPerVm,
    Double migrationsLowerBoundPerVm,
    Double naiveMigrationsPerVm,
    Double apiRequestsPerVm,
    Double apiRequestsPerNode,
    Double reactionP50Ms,
    Double reactionP99Ms,
    Double cpuSeconds,
    Double peakHeapMiB,
    Long journalBytes,
    String size,
    String result,
    String reason,
    Double plannedMigrationsPerVm,
    Details details) {

  public static final String SUCCEEDED = "Succeeded";
  public static final String DOES_NOT_FIT = "DoesNotFit";
  public static final String TIMED_OUT = "TimedOut";
  public static final String ERROR = "Error";

  /**
   * What else the run measured.
   *
   * @param setupMs seeding the cluster, starting the controller and the probes
   * @param upgradeWallMs from creating the Upgrade to seeing it finished, on the wall clock
   * @param configuredWaitsMs waits the controller's settings impose that the bound leaves out
   * @param serialModelMakespanMs the pipeline model's parts run serially: its check
   * @param apiRequestsByVerb the controller's requests by Kubernetes verb
   * @param leaseRenewals Lease versions the controller wrote while the upgrade ran (leader
   *     election: each renewal is a GET and a PATCH)
   * @param journalWrites journal replacements (PUT) the controller sent
   * @param journalBytesWritten request bytes of those writes
   * @param upgradeUpdates new versions of the Upgrade seen (its status and state label)
   * @param unchangedUpgradeUpdates of those, versions identical to the one before
   * @param nodeUpdates new versions of nodes seen, whoever wrote them
   * @param unchangedNodeUpdates of those, versions identical to the one before
   * @param meanStepMs each node step's mean duration, from the journal
   * @param migrationLifeP50Ms a succeeded migration's life, its object first seen to Succeeded
   * @param drainSlotUse migrations' lives summed / (DRAIN time summed x outbound limit per node):
   *     how full the drains kept KubeVirt's per-node migration slots
   * @param controllerStartCpuSeconds CPU of the controller's threads before the Upgrade existed
   * @param otherThreadsCpuSeconds the other Java threads: simulator, API server, bench probes
   * @param jvmCpuSeconds process CPU no Java thread accounts for (GC, JIT compilers)
   * @param heapAfterGcMiB heap used after a full GC at the end, before teardown
   * @param loadAverage the machine's one-minute load average when the size ended
   */
  public record Details(
      long setupMs,
      long upgradeWallMs,
      long configuredWaitsMs,
      Long serialModelMakespanMs,
      int migrationsSucceeded,
      int migrationsFailed,
      int plannedMigrations,
      int naiveMigrations,
      long apiRequests,
      Map<String, Long> apiRequestsByVerb,
      long leaseRenewals,
      long journalWrites,
      long journalBytesWritten,
      long upgradeUpdates,
      long unchangedUpgradeUpdates,
      long nodeUpdates,
      long unchangedNodeUpdates,
      Map<String, Long> meanStepMs,
      ReactionSummary reactions,
      Double migrationLifeP50Ms,
      Double migrationLifeP99Ms,
      Double drainSlotUse,
      double controllerStartCpuSeconds,
      double otherThreadsCpuSeconds,
      double jvmCpuSeconds,
      double processCpuSeconds,
      double heapAfterGcMiB,
      double loadAverage) {}

  @JsonIgnore
  public boolean succeeded() {
    return SUCCEEDED.equals(result);
  }

  /** A size that could not be run at all. */
  static SizeResult notRun(BenchSize size, int vms, String result, String reason) {
    return new SizeResult(
        size.nodes(),
        vms,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        size.label(),
        result,
        reason,
        null,
        null);
  }
}
