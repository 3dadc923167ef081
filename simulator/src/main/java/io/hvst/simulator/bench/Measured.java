package io.hvst.simulator.bench;

import io.hvst.statemachine.journal.Journal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one size's run measured, raw, before it becomes the report's numbers.
 *
 * @param vms VMs in the cluster, the repo VM included
 * @param result the Upgrade's end state, or TimedOut
 * @param migrationLifeMs each succeeded migration, from its object first seen to Succeeded
 * @param journal the journal at the end, when there is one
 * @param controllerStartCpuNanos CPU of the controller's threads before the Upgrade existed
 * @param configuredWaitsMs cordon settle per node plus the final drift watch
 */
record Measured(
    BenchSize size,
    int vms,
    String result,
    String reason,
    long wallNanos,
    long setupNanos,
    long upgradeNanos,
    Optional<Journal> journal,
    long journalBytes,
    PlanFigures plan,
    LowerBounds.Work work,
    int migrationsSucceeded,
    int migrationsFailed,
    Map<String, Long> apiRequestsByVerb,
    long leaseRenewals,
    long journalWrites,
    long journalBytesWritten,
    long upgradeUpdates,
    long unchangedUpgradeUpdates,
    long nodeUpdates,
    long unchangedNodeUpdates,
    ReactionSummary reactions,
    List<Double> migrationLifeMs,
    ResourceSampler.Usage usage,
    long controllerStartCpuNanos,
    long heapAfterGcBytes,
    long configuredWaitsMs,
    double loadAverage) {

  long apiRequests() {
    return apiRequestsByVerb.values().stream().mapToLong(Long::longValue).sum();
  }
}
