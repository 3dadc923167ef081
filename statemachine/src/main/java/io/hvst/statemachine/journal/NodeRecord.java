package io.hvst.statemachine.journal;

import io.hvst.statemachine.lifecycle.NodeState;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's entry in the journal: where it is, when it entered each state, and every fact needed
 * to resume or undo without repeating a side effect.
 *
 * @param attempt 1 for the first run; a retry increments it so derived names (Jobs) are fresh
 * @param entered when the node entered each state, the last time it did
 * @param scheduling the node's scheduling state before we touched it; null until captured
 * @param cordonedByUs true when the cordon is ours to remove
 * @param job the name of the node upgrade Job, recorded before it is created
 * @param resumeTo the state a PAUSED node resumes into
 * @param failure why the node failed, when it did
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
    Failure failure) {

  public NodeRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    entered = Collections.unmodifiableMap(copy(entered));
  }

  public static NodeRecord queued(String name) {
    return new NodeRecord(name, NodeState.QUEUED, 1, Map.of(), null, false, null, null, null);
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

  /** Moves to {@code next}, stamping the time. */
  public NodeRecord enter(NodeState next, Instant at) {
    Map<NodeState, Instant> times = copy(entered);
    times.put(next, at);
    return new NodeRecord(
        name, next, attempt, times, scheduling, cordonedByUs, job, resumeTo, failure);
  }

  public NodeRecord withScheduling(SchedulingState saved, boolean cordoned) {
    return new NodeRecord(name, state, attempt, entered, saved, cordoned, job, resumeTo, failure);
  }

  public NodeRecord withJob(String jobName) {
    return new NodeRecord(
        name, state, attempt, entered, scheduling, cordonedByUs, jobName, resumeTo, failure);
  }

  public NodeRecord withResumeTo(NodeState target) {
    return new NodeRecord(
        name, state, attempt, entered, scheduling, cordonedByUs, job, target, failure);
  }

  public NodeRecord withFailure(Failure cause) {
    return new NodeRecord(
        name, state, attempt, entered, scheduling, cordonedByUs, job, resumeTo, cause);
  }

  /** A retried node starts a new attempt: a fresh Job name, the failure cleared. */
  public NodeRecord nextAttempt() {
    return new NodeRecord(
        name, state, attempt + 1, entered, scheduling, cordonedByUs, null, resumeTo, null);
  }

  private static Map<NodeState, Instant> copy(Map<NodeState, Instant> times) {
    Map<NodeState, Instant> copy = new EnumMap<>(NodeState.class);
    copy.putAll(times);
    return copy;
  }
}
