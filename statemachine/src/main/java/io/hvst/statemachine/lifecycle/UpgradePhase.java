package io.hvst.statemachine.lifecycle;

/** Where the upgrade as a whole is (DESIGN.md section 3). */
public enum UpgradePhase {
  PENDING,
  PREFLIGHT,
  UPGRADING_NODES,
  PAUSED,
  SUCCEEDED,
  FAILED,
  ABORTED;

  /** Nothing more happens on its own; FAILED may still be retried by a person. */
  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == ABORTED;
  }
}
