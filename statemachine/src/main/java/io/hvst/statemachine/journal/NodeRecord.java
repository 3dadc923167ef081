package io.hvst.statemachine.journal;

import io.hvst.statemachine.lifecycle.NodeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One node's entry in the journal: where it is, when it entered each state, and every fact needed
 * to resume or undo without repeating a side effect.
 *
 * @param attempt 1 for the first run; a retry increments it so derived names are fresh
 * @param entered when the node entered each state, the last time it did
 * @param scheduling the node's scheduling state before we touched it; null until captured
 * @param cordonedByUs true when the cordon is ours to remove
 * @param job the name of the node upgrade Job, recorded before it is created
 * @param resumeTo the state a PAUSED node resumes into
 * @param failure why the node failed, when it did
 * @param migrations live migrations of VMs off this node
 * @param quotaChanges quotas raised for those migrations
 * @param stoppedVms VMs stopped because they could not migrate
 * @param cordon whether our cordon sticks; null until we cordon
 * @param reapplied persisted labels and taints put back after the upgrade
 * @param settleUntil the end of the drift watch once the node is restored, or null
 * @param driftCount how often persisted scheduling state drifted after we restored it
 * @param drift the latest drifts (at most MAX_DRIFT_KEPT)
 * @param driftPending keys found drifted and not yet seen put back (so a drift is counted once)
 */
public record NodeRecord(
    String name,
    NodeState state,
    int attempt,
    Map<NodeState, Instant> entered,
    SchedulingState scheduling,
    boolean cordonedByUs,
    String job,
    NodeState resumeTo,
    Failure failure,
    List<MigrationRecord> migrations,
    List<QuotaChange> quotaChanges,
    List<StoppedVm> stoppedVms,
    CordonWatch cordon,
    int reapplied,
    Instant settleUntil,
    int driftCount,
    List<Drift> drift,
    List<String> driftPending) {

  /** Drift entries kept per node; older ones only count. */
  public static final int MAX_DRIFT_KEPT = 10;

  public NodeRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    entered = Collections.unmodifiableMap(copy(entered));
    migrations = migrations == null ? List.of() : List.copyOf(migrations);
    quotaChanges = quotaChanges == null ? List.of() : List.copyOf(quotaChanges);
    stoppedVms = stoppedVms == null ? List.of() : List.copyOf(stoppedVms);
    drift = drift == null ? List.of() : List.copyOf(drift);
    driftPending = driftPending == null ? List.of() : List.copyOf(driftPending);
  }

  public static NodeRecord queued(String name) {
    return new Builder(name, NodeState.QUEUED).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public Optional<Instant> enteredAt(NodeState s) {
    return Optional.ofNullable(entered.get(s));
  }

  public Optional<SchedulingState> savedScheduling() {
    return Optional.ofNullable(scheduling);
  }

  public Optional<String> jobName() {
    return Optional.ofNullable(job);
  }

  public Optional<Failure> failureInfo() {
    return Optional.ofNullable(failure);
  }

  public Optional<CordonWatch> cordonWatch() {
    return Optional.ofNullable(cordon);
  }

  /** Moves to {@code next}, stamping the time. */
  public NodeRecord enter(NodeState next, Instant at) {
    Map<NodeState, Instant> times = copy(entered);
    times.put(next, at);
    return toBuilder().state(next).entered(times).build();
  }

  public NodeRecord withScheduling(SchedulingState saved, boolean cordoned) {
    return toBuilder().scheduling(saved).cordonedByUs(cordoned).build();
  }

  public NodeRecord withJob(String jobName) {
    return toBuilder().job(jobName).build();
  }

  public NodeRecord withResumeTo(NodeState target) {
    return toBuilder().resumeTo(target).build();
  }

  public NodeRecord withFailure(Failure cause) {
    return toBuilder().failure(cause).build();
  }

  public NodeRecord withCordon(CordonWatch watch) {
    return toBuilder().cordon(watch).build();
  }

  /** A retried node starts a new attempt: fresh derived names, the failure cleared. */
  public NodeRecord nextAttempt() {
    return toBuilder().attempt(attempt + 1).job(null).failure(null).build();
  }

  public NodeRecord withMigrations(UnaryOperator<List<MigrationRecord>> change) {
    return toBuilder().migrations(change.apply(new ArrayList<>(migrations))).build();
  }

  public NodeRecord withQuotaChanges(UnaryOperator<List<QuotaChange>> change) {
    return toBuilder().quotaChanges(change.apply(new ArrayList<>(quotaChanges))).build();
  }

  public NodeRecord withStoppedVms(UnaryOperator<List<StoppedVm>> change) {
    return toBuilder().stoppedVms(change.apply(new ArrayList<>(stoppedVms))).build();
  }

  /** Records a drift, keeping the latest few (the count is what metrics and reports use). */
  public NodeRecord withDrift(Drift found) {
    List<Drift> list = new ArrayList<>(drift);
    list.add(found);
    while (list.size() > MAX_DRIFT_KEPT) {
      list.remove(0);
    }
    return toBuilder().drift(list).driftCount(driftCount + 1).build();
  }

  private static Map<NodeState, Instant> copy(Map<NodeState, Instant> times) {
    Map<NodeState, Instant> copy = new EnumMap<>(NodeState.class);
    if (times != null) {
      copy.putAll(times);
    }
    return copy;
  }

  /** Builds a changed copy; every field starts as the record's own. */
  public static final class Builder {
    private final String name;
    private NodeState state;
    private int attempt = 1;
    private Map<NodeState, Instant> entered = Map.of();
    private SchedulingState scheduling;
    private boolean cordonedByUs;
    private String job;
    private NodeState resumeTo;
    private Failure failure;
    private List<MigrationRecord> migrations = List.of();
    private List<QuotaChange> quotaChanges = List.of();
    private List<StoppedVm> stoppedVms = List.of();
    private CordonWatch cordon;
    private int reapplied;
    private Instant settleUntil;
    private int driftCount;
    private List<Drift> drift = List.of();
    private List<String> driftPending = List.of();

    private Builder(String name, NodeState state) {
      this.name = name;
      this.state = state;
    }

    private Builder(NodeRecord r) {
      this(r.name, r.state);
      attempt = r.attempt;
      entered = r.entered;
      scheduling = r.scheduling;
      cordonedByUs = r.cordonedByUs;
      job = r.job;
      resumeTo = r.resumeTo;
      failure = r.failure;
      migrations = r.migrations;
      quotaChanges = r.quotaChanges;
      stoppedVms = r.stoppedVms;
      cordon = r.cordon;
      reapplied = r.reapplied;
      settleUntil = r.settleUntil;
      driftCount = r.driftCount;
      drift = r.drift;
      driftPending = r.driftPending;
    }

    public Builder state(NodeState value) {
      state = value;
      return this;
    }

    public Builder attempt(int value) {
      attempt = value;
      return this;
    }

    public Builder entered(Map<NodeState, Instant> value) {
      entered = value;
      return this;
    }

    public Builder scheduling(SchedulingState value) {
      scheduling = value;
      return this;
    }

    public Builder cordonedByUs(boolean value) {
      cordonedByUs = value;
      return this;
    }

    public Builder job(String value) {
      job = value;
      return this;
    }

    public Builder resumeTo(NodeState value) {
      resumeTo = value;
      return this;
    }

    public Builder failure(Failure value) {
      failure = value;
      return this;
    }

    public Builder migrations(List<MigrationRecord> value) {
      migrations = value;
      return this;
    }

    public Builder quotaChanges(List<QuotaChange> value) {
      quotaChanges = value;
      return this;
    }

    public Builder stoppedVms(List<StoppedVm> value) {
      stoppedVms = value;
      return this;
    }

    public Builder cordon(CordonWatch value) {
      cordon = value;
      return this;
    }

    public Builder reapplied(int value) {
      reapplied = value;
      return this;
    }

    public Builder settleUntil(Instant value) {
      settleUntil = value;
      return this;
    }

    public Builder driftCount(int value) {
      driftCount = value;
      return this;
    }

    public Builder drift(List<Drift> value) {
      drift = value;
      return this;
    }

    public Builder driftPending(List<String> value) {
      driftPending = value;
      return this;
    }

    public NodeRecord build() {
      return new NodeRecord(
          name,
          state,
          attempt,
          entered,
          scheduling,
          cordonedByUs,
          job,
          resumeTo,
          failure,
          migrations,
          quotaChanges,
          stoppedVms,
          cordon,
          reapplied,
          settleUntil,
          driftCount,
          drift,
          driftPending);
    }
  }
}
