package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import java.util.Objects;

/**
 * A decision as a value: what the controller should do next. Executors in the controller turn each
 * kind into one idempotent Kubernetes call; {@link Wait} does no I/O and only says what blocks.
 */
public sealed interface UpgradeAction
    permits UpgradeAction.Cordon,
        UpgradeAction.Uncordon,
        UpgradeAction.CreateJob,
        UpgradeAction.Wait {

  /** The node concerned, or empty for upgrade-wide actions. */
  String node();

  /** Mark the node unschedulable. */
  record Cordon(String node) implements UpgradeAction {
    public Cordon {
      Objects.requireNonNull(node, "node");
    }
  }

  /** Mark the node schedulable again; only for a cordon we made. */
  record Uncordon(String node) implements UpgradeAction {
    public Uncordon {
      Objects.requireNonNull(node, "node");
    }
  }

  /** Create a Job (or adopt the one of the same name). */
  record CreateJob(JobSpec job) implements UpgradeAction {
    public CreateJob {
      Objects.requireNonNull(job, "job");
    }

    @Override
    public String node() {
      return job.node();
    }
  }

  /** Nothing to do but wait; {@code reason} says for what. */
  record Wait(String node, Reason reason, String detail) implements UpgradeAction {
    public Wait {
      node = node == null ? "" : node;
      Objects.requireNonNull(reason, "reason");
      detail = detail == null || detail.isBlank() ? reason.text() : detail;
    }
  }
}
