package io.hvst.controller.observe;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Observe: builds the immutable snapshot a decision is made on, from the informer caches. */
public final class SnapshotObserver {

  private final ClusterCaches caches;
  private final WriteExpectations expectations;
  private final Clock clock;
  private final Duration staleGrace;
  private final EvictionBlocks evictionBlocks;

  public SnapshotObserver(
      ClusterCaches caches,
      WriteExpectations expectations,
      EvictionBlocks evictionBlocks,
      Clock clock,
      Duration staleGrace) {
    this.caches = caches;
    this.expectations = expectations;
    this.evictionBlocks = evictionBlocks;
    this.clock = clock;
    this.staleGrace = staleGrace;
  }

  /** Empty while our own last writes are not yet in the caches. */
  public Optional<ClusterSnapshot> observe() {
    Instant now = clock.instant();
    if (expectations.pending(caches::resourceVersion, now, staleGrace)) {
      return Optional.empty();
    }
    return Optional.of(snapshotAt(now));
  }

  /** When to look again if the watch event that would satisfy a pending write never comes. */
  public Instant staleRetryAt() {
    return clock.instant().plus(staleGrace);
  }

  /** A snapshot regardless of pending writes: for read-only views such as the plan endpoint. */
  public ClusterSnapshot snapshotAt(Instant now) {
    return ClusterSnapshot.at(now)
        .nodes(caches.nodeViews())
        .vms(caches.vmViews())
        .jobs(caches.jobViews())
        .pods(caches.podViews())
        .migrations(caches.migrationViews())
        .quotas(caches.quotaViews())
        .virtualMachines(caches.virtualMachineViews())
        .evictionBlocks(evictionBlocks.current(now))
        .schedulingPolicy(caches.schedulingPolicy())
        .build();
  }
}
