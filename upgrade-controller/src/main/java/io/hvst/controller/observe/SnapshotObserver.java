package io.hvst.controller.observe;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.VmView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Observe: builds the immutable snapshot a decision is made on, from the informer caches. */
public final class SnapshotObserver {

  private final ClusterCaches caches;
  private final WriteExpectations expectations;
  private final Clock clock;
  private final Duration staleGrace;

  public SnapshotObserver(
      ClusterCaches caches, WriteExpectations expectations, Clock clock, Duration staleGrace) {
    this.caches = caches;
    this.expectations = expectations;
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
    Map<String, NodeView> nodes = new TreeMap<>();
    caches.nodes().stream().map(Translate::node).forEach(n -> nodes.put(n.name(), n));
    List<VmView> vms = caches.vmis().stream().map(Translate::vmi).toList();
    Map<String, JobView> jobs = new HashMap<>();
    caches.jobs().stream()
        .map(Translate::job)
        .forEach(j -> jobs.put(j.namespace() + "/" + j.name(), j));
    return new ClusterSnapshot(now, new TreeMap<>(nodes), vms, jobs);
  }
}
