package io.hvst.statemachine.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/** Where one node is in its upgrade (DESIGN.md section 3). */
public enum NodeState {
  QUEUED,
  PRE_DRAIN,
  REPO_VM_MIGRATION,
  DRAIN,
  UPGRADE,
  POST_DRAIN,
  RESTORE_SCHEDULING,
  SUCCEEDED,
  FAILED,
  PAUSED;

  /** The steps a node walks through, in order. */
  public static final Set<NodeState> STEPS =
      EnumSet.of(PRE_DRAIN, REPO_VM_MIGRATION, DRAIN, UPGRADE, POST_DRAIN, RESTORE_SCHEDULING);

  public boolean isStep() {
    return STEPS.contains(this);
  }

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** True while the node may be cordoned or down because of us. */
  public boolean isOutOfService() {
    return isStep() || this == PAUSED;
  }
}
