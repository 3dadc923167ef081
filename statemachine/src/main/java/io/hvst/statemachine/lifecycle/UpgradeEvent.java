package io.hvst.statemachine.lifecycle;

/** What moves the upgrade as a whole from one phase to the next. */
public enum UpgradeEvent {
  ACCEPTED,
  PREFLIGHT_PASSED,
  ALL_NODES_UPGRADED,
  NODE_FAILED,
  PAUSE,
  RESUME,
  ABORT,
  RETRY
}
