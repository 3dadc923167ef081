package io.hvst.statemachine.policy;

import io.hvst.statemachine.lifecycle.NodeState;
import java.time.Duration;
import java.util.Objects;

/** How long each step of a node may take before it fails with a reason. */
public record StepTimeouts(
    Duration preDrain,
    Duration repoVmMigration,
    Duration drain,
    Duration upgrade,
    Duration postDrain,
    Duration restoreScheduling) {

  public StepTimeouts {
    Objects.requireNonNull(preDrain, "preDrain");
    Objects.requireNonNull(repoVmMigration, "repoVmMigration");
    Objects.requireNonNull(drain, "drain");
    Objects.requireNonNull(upgrade, "upgrade");
    Objects.requireNonNull(postDrain, "postDrain");
    Objects.requireNonNull(restoreScheduling, "restoreScheduling");
  }

  public Duration of(NodeState step) {
    return switch (step) {
      case PRE_DRAIN -> preDrain;
      case REPO_VM_MIGRATION -> repoVmMigration;
      case DRAIN -> drain;
      case UPGRADE -> upgrade;
      case POST_DRAIN -> postDrain;
      case RESTORE_SCHEDULING -> restoreScheduling;
      default -> throw new IllegalArgumentException(step + " is not a step");
    };
  }
}
