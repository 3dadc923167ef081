package io.hvst.statemachine.lifecycle;

import static io.hvst.statemachine.lifecycle.NodeEvent.DRAINED;
import static io.hvst.statemachine.lifecycle.NodeEvent.FAIL;
import static io.hvst.statemachine.lifecycle.NodeEvent.NODE_UPGRADED;
import static io.hvst.statemachine.lifecycle.NodeEvent.PAUSE;
import static io.hvst.statemachine.lifecycle.NodeEvent.POST_DRAINED;
import static io.hvst.statemachine.lifecycle.NodeEvent.PRE_DRAINED;
import static io.hvst.statemachine.lifecycle.NodeEvent.REPO_VM_SETTLED;
import static io.hvst.statemachine.lifecycle.NodeEvent.RESUME;
import static io.hvst.statemachine.lifecycle.NodeEvent.RETRY;
import static io.hvst.statemachine.lifecycle.NodeEvent.SCHEDULING_RESTORED;
import static io.hvst.statemachine.lifecycle.NodeEvent.START;
import static io.hvst.statemachine.lifecycle.NodeState.DRAIN;
import static io.hvst.statemachine.lifecycle.NodeState.FAILED;
import static io.hvst.statemachine.lifecycle.NodeState.PAUSED;
import static io.hvst.statemachine.lifecycle.NodeState.POST_DRAIN;
import static io.hvst.statemachine.lifecycle.NodeState.PRE_DRAIN;
import static io.hvst.statemachine.lifecycle.NodeState.QUEUED;
import static io.hvst.statemachine.lifecycle.NodeState.REPO_VM_MIGRATION;
import static io.hvst.statemachine.lifecycle.NodeState.RESTORE_SCHEDULING;
import static io.hvst.statemachine.lifecycle.NodeState.SUCCEEDED;
import static io.hvst.statemachine.lifecycle.NodeState.UPGRADE;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.statemachine.StateMachine;

/**
 * The node state machine. A paused node resumes into the step it was about to enter; a failed node
 * is retried from the step that failed.
 */
public final class NodeLifecycle {

  /** A node pauses between steps, so it may resume into any step or into QUEUED. */
  private static final Set<NodeState> RESUMABLE = resumable();

  public static final TransitionTable<NodeState, NodeEvent> TABLE =
      TransitionTable.<NodeState, NodeEvent>startingAt(QUEUED)
          .on(QUEUED, START, PRE_DRAIN)
          .on(PRE_DRAIN, PRE_DRAINED, REPO_VM_MIGRATION)
          .on(REPO_VM_MIGRATION, REPO_VM_SETTLED, DRAIN)
          .on(DRAIN, DRAINED, UPGRADE)
          .on(UPGRADE, NODE_UPGRADED, POST_DRAIN)
          .on(POST_DRAIN, POST_DRAINED, RESTORE_SCHEDULING)
          .on(RESTORE_SCHEDULING, SCHEDULING_RESTORED, SUCCEEDED)
          .fromEach(NodeState.STEPS, FAIL, FAILED)
          .on(PAUSED, FAIL, FAILED)
          .fromEach(RESUMABLE, PAUSE, PAUSED)
          .targeted(PAUSED, RESUME, RESUMABLE)
          .targeted(FAILED, RETRY, NodeState.STEPS)
          .build();

  /** A fresh, unstarted spring-statemachine for the node table. */
  public static StateMachine<NodeState, NodeEvent> newMachine() {
    return Lifecycle.build(NodeState.class, TABLE);
  }

  private final Lifecycle<NodeState, NodeEvent> lifecycle = new Lifecycle<>(NodeState.class, TABLE);

  private static Set<NodeState> resumable() {
    Set<NodeState> states = EnumSet.of(QUEUED);
    states.addAll(NodeState.STEPS);
    return states;
  }

  public Optional<NodeState> fire(NodeState from, NodeEvent event) {
    return lifecycle.fire(from, event);
  }

  /** Fires an event whose target is chosen by the caller (RESUME and RETRY). */
  public Optional<NodeState> fire(NodeState from, NodeEvent event, NodeState target) {
    return lifecycle.fire(from, event, Optional.of(target));
  }
}
