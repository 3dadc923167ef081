package io.hvst.statemachine.lifecycle;

/** What moves a node from one state to the next. */
public enum NodeEvent {
  START,
  PRE_DRAINED,
  REPO_VM_SETTLED,
  DRAINED,
  NODE_UPGRADED,
  POST_DRAINED,
  SCHEDULING_RESTORED,
  FAIL,
  PAUSE,
  RESUME,
  RETRY
}
