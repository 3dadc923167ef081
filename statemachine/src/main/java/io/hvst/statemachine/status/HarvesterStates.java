package io.hvst.statemachine.status;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.Optional;

/** Harvester's own state strings, so its UI and tools read our status as theirs. */
public final class HarvesterStates {

  public static final String PRE_DRAINING = "Pre-draining";
  public static final String PRE_DRAINED = "Pre-drained";
  public static final String POST_DRAINING = "Post-draining";
  public static final String WAITING_REBOOT = "Waiting Reboot";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String PAUSED = "Node-upgrade paused";

  private HarvesterStates() {}

  /** The node state string; empty for a node that has not started. */
  public static Optional<String> of(NodeState state, Optional<Reason> waitingFor) {
    return switch (state) {
      case QUEUED -> Optional.empty();
      case PRE_DRAIN, REPO_VM_MIGRATION, DRAIN -> Optional.of(PRE_DRAINING);
      case UPGRADE -> Optional.of(rebooting(waitingFor) ? WAITING_REBOOT : PRE_DRAINED);
      case POST_DRAIN, RESTORE_SCHEDULING -> Optional.of(POST_DRAINING);
      case SUCCEEDED -> Optional.of(SUCCEEDED);
      case FAILED -> Optional.of(FAILED);
      case PAUSED -> Optional.of(PAUSED);
    };
  }

  /** The {@code harvesterhci.io/upgradeState} label value for a phase. */
  public static String label(UpgradePhase phase) {
    return switch (phase) {
      case PENDING -> "Upgrading";
      case PREFLIGHT -> "PreparingNodes";
      case UPGRADING_NODES, PAUSED -> "UpgradingNodes";
      case SUCCEEDED -> "Succeeded";
      case FAILED -> "Failed";
      case ABORTED -> "Aborted";
    };
  }

  private static boolean rebooting(Optional<Reason> waitingFor) {
    return waitingFor
        .filter(r -> r == Reason.NODE_REBOOTING || r == Reason.WAITING_FOR_VERSION)
        .isPresent();
  }
}
