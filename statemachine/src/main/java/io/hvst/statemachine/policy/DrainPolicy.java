package io.hvst.statemachine.policy;

import io.hvst.statemachine.cluster.Resources;
import java.time.Duration;
import java.util.Objects;

/**
 * How nodes are drained of VMs and pods.
 *
 * @param maxParallelMigrations live migrations running at once in the cluster (KubeVirt: 5)
 * @param maxOutboundPerNode live migrations leaving one node at once (KubeVirt: 2)
 * @param migrationAttempts how often one VM's migration is tried before the node fails
 * @param migrationTimeoutPerGiB how long a migration may take per GiB of VM memory (KubeVirt's
 *     completionTimeoutPerGiB idea), never less than {@code migrationTimeoutMin}
 * @param nonMigratable what to do with VMs that cannot live-migrate
 * @param allowRepoVmShutdown stop the upgrade-repo VM when no node can take it
 * @param forceDeleteOnDrainTimeout delete (rather than fail on) pods still refusing eviction when
 *     the drain times out
 * @param evictionBackoff how long to wait before asking again after a 429
 * @param preferUpgradedTargets move VMs to nodes that already run the new version first
 * @param launcherOverhead what a virt-launcher pod needs on top of its VM
 * @param raiseQuota raise a full ResourceQuota for the target pod (and restore it after)
 * @param requireRepoVm wait in preflight for Harvester's upgrade-repo VM, and fail without it
 */
public record DrainPolicy(
    int maxParallelMigrations,
    int maxOutboundPerNode,
    int migrationAttempts,
    Duration migrationTimeoutPerGiB,
    Duration migrationTimeoutMin,
    NonMigratablePolicy nonMigratable,
    boolean allowRepoVmShutdown,
    boolean forceDeleteOnDrainTimeout,
    Duration evictionBackoff,
    boolean preferUpgradedTargets,
    Resources launcherOverhead,
    boolean raiseQuota,
    boolean requireRepoVm) {

  /** What happens to a VM that cannot be live-migrated. */
  public enum NonMigratablePolicy {
    /** The node waits (blocked, with the list) until someone moves or stops them, or times out. */
    BLOCK,
    /** The controller stops them, records them, and starts them again after the node is back. */
    STOP
  }

  /** Annotation on a ResourceQuota that forbids raising it. */
  public static final String NO_QUOTA_RAISE_ANNOTATION = "upgrade.hvst.io/no-quota-raise";

  public DrainPolicy {
    if (maxParallelMigrations < 1 || maxOutboundPerNode < 1 || migrationAttempts < 1) {
      throw new IllegalArgumentException("migration limits and attempts must be at least 1");
    }
    Objects.requireNonNull(migrationTimeoutPerGiB, "migrationTimeoutPerGiB");
    Objects.requireNonNull(migrationTimeoutMin, "migrationTimeoutMin");
    Objects.requireNonNull(nonMigratable, "nonMigratable");
    Objects.requireNonNull(evictionBackoff, "evictionBackoff");
    Objects.requireNonNull(launcherOverhead, "launcherOverhead");
  }

  public static DrainPolicy defaults() {
    return new DrainPolicy(
        5,
        2,
        3,
        Duration.ofSeconds(150),
        Duration.ofMinutes(5),
        NonMigratablePolicy.BLOCK,
        false,
        false,
        Duration.ofSeconds(5),
        true,
        new Resources(100, 256L << 20),
        true,
        true);
  }

  /** How long a VM with {@code memoryBytes} of memory may take to migrate. */
  public Duration migrationTimeout(long memoryBytes) {
    double gib = memoryBytes / (double) (1L << 30);
    Duration scaled = Duration.ofMillis((long) Math.ceil(migrationTimeoutPerGiB.toMillis() * gib));
    return scaled.compareTo(migrationTimeoutMin) > 0 ? scaled : migrationTimeoutMin;
  }
}
