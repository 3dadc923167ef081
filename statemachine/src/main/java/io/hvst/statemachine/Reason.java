package io.hvst.statemachine;

/**
 * Why something happened or did not. One enum serves conditions (as {@link #code()}), events, log
 * lines and metric tags, so the same words appear everywhere an operator looks.
 */
public enum Reason {
  // The Upgrade resource itself.
  MISSING_VERSION("The Upgrade has no spec.version.", Kind.FAILURE),
  INVALID_VERSION("spec.version is not a version of the form vMAJOR.MINOR.PATCH.", Kind.FAILURE),
  ALREADY_AT_VERSION("Every node already runs the requested version.", Kind.FAILURE),
  DOWNGRADE_REFUSED(
      "The requested version is older than the version the cluster runs.", Kind.FAILURE),
  ANOTHER_UPGRADE_RUNNING("Another Upgrade is in progress; only one runs at a time.", Kind.FAILURE),
  SUPERSEDED("A newer Upgrade exists; only the newest one runs.", Kind.FAILURE),
  NO_NODES("The cluster has no nodes to upgrade.", Kind.FAILURE),
  JOURNAL_UNREADABLE("The progress journal cannot be read; it was left untouched.", Kind.FAILURE),
  JOURNAL_FOREIGN(
      "The progress journal belongs to another Upgrade with the same name.", Kind.FAILURE),

  // Progress of the upgrade as a whole.
  UPGRADE_STARTED("The upgrade started.", Kind.PROGRESS),
  UPGRADE_IN_PROGRESS("Nodes are being upgraded one by one.", Kind.PROGRESS),
  UPGRADE_SUCCEEDED("Every node runs the requested version.", Kind.PROGRESS),
  NODE_FAILED("A node failed to upgrade; the upgrade stopped.", Kind.FAILURE),
  PAUSED_BY_USER("Paused by the upgrade.hvst.io/pause annotation.", Kind.BLOCKED),
  ABORTED_BY_USER("Aborted by the upgrade.hvst.io/abort annotation.", Kind.FAILURE),

  // Gates and waits of a node.
  WAITING_FOR_TURN("Waiting for earlier nodes to finish.", Kind.PROGRESS),
  MAX_UNAVAILABLE_REACHED(
      "Another node is out of service; maxUnavailable is reached.", Kind.BLOCKED),
  QUORUM_AT_RISK("Taking this node down would break control-plane quorum.", Kind.BLOCKED),
  NODE_NOT_READY("The node is not Ready.", Kind.BLOCKED),
  NODE_GONE("The node no longer exists.", Kind.FAILURE),
  WAITING_FOR_CORDON("Waiting for the cordon to show on the node.", Kind.PROGRESS),
  UPGRADE_JOB_RUNNING("The node upgrade Job is running.", Kind.PROGRESS),
  NODE_REBOOTING("The node is rebooting into the new version.", Kind.PROGRESS),
  WAITING_FOR_VERSION(
      "The node is back but does not report the requested version yet.", Kind.PROGRESS),
  UNCORDON_PENDING("Waiting for the uncordon to show on the node.", Kind.PROGRESS),

  // Failures of a node.
  STEP_TIMEOUT("The step did not finish within its timeout.", Kind.FAILURE),
  UPGRADE_JOB_FAILED("The node upgrade Job failed.", Kind.FAILURE),
  NODE_DID_NOT_RETURN("The node did not come back Ready within the upgrade timeout.", Kind.FAILURE),
  VERSION_NOT_REPORTED(
      "The node came back but never reported the requested version.", Kind.FAILURE),

  // The drain.
  REPO_VM_MISSING("Harvester's upgrade-repo VM does not exist.", Kind.BLOCKED),
  NO_MIGRATION_TARGET("A VM that must move has no node that can take it.", Kind.FAILURE),
  NON_MIGRATABLE_VMS("VMs on the node cannot be live-migrated.", Kind.BLOCKED),
  MIGRATION_IN_PROGRESS("VMs are being live-migrated off the node.", Kind.PROGRESS),
  MIGRATION_SLOTS_FULL("Waiting for a free live-migration slot.", Kind.PROGRESS),
  MIGRATION_FAILED("A VM could not be live-migrated.", Kind.FAILURE),
  REPO_VM_MIGRATION_FAILED("The upgrade-repo VM could not be live-migrated.", Kind.FAILURE),
  QUOTA_ADJUSTING("Adjusting a ResourceQuota so a migration target pod fits.", Kind.PROGRESS),
  QUOTA_FULL(
      "A ResourceQuota has no room for a migration target pod and may not be raised.",
      Kind.BLOCKED),
  VM_STOPPING("Stopping VMs that cannot be live-migrated.", Kind.PROGRESS),
  VM_STARTING("Starting the VMs that were stopped for the upgrade.", Kind.PROGRESS),
  EVICTING_PODS("Evicting the node's pods.", Kind.PROGRESS),
  EVICTION_BLOCKED_BY_PDB("A PodDisruptionBudget refuses an eviction.", Kind.BLOCKED),
  DRAIN_TIMEOUT("The node could not be drained within the drain timeout.", Kind.FAILURE),

  // Scheduling state.
  CORDON_SETTLING("Waiting to see that the cordon sticks.", Kind.PROGRESS),
  CORDON_REVERTED(
      "Something keeps removing the cordon (a vcluster node syncer or another controller).",
      Kind.FAILURE),
  REAPPLYING_SCHEDULING("Putting the node's persisted labels and taints back.", Kind.PROGRESS),
  SCHEDULING_DRIFT(
      "Something reverted a persisted label, taint or cordon; it was put back.", Kind.BLOCKED),
  SETTLING("Watching restored nodes for drift.", Kind.PROGRESS),
  SCHEDULING_POLICY_INVALID(
      "An entry of the scheduling policy ConfigMap cannot be read; it is ignored.", Kind.WARNING),
  SCHEDULING_POLICY_IGNORED(
      "The upgrade is done, but an entry of the scheduling policy ConfigMap cannot be read and was"
          + " ignored; fix it before the next upgrade.",
      Kind.PROGRESS),

  // Controls.
  CONTROL_ANNOTATION_INVALID(
      "A control annotation on the Upgrade cannot be read; it is ignored.", Kind.WARNING),
  RETRIED_BY_USER("A failed node is retried (upgrade.hvst.io/retry).", Kind.PROGRESS),

  // Step progress, for events and logs.
  STEP_STARTED("A node step started.", Kind.PROGRESS),
  STEP_COMPLETED("A node step completed.", Kind.PROGRESS),
  API_UNAVAILABLE(
      "The Kubernetes API is failing; the controller backs off and retries.", Kind.BLOCKED);

  /**
   * What a reason means for whoever watches: normal progress, a block (nothing moves until it
   * clears), a warning (an input is wrong and ignored; the upgrade goes on), or a failure.
   */
  public enum Kind {
    PROGRESS,
    BLOCKED,
    WARNING,
    FAILURE
  }

  private final String text;
  private final Kind kind;

  Reason(String text, Kind kind) {
    this.text = text;
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Human text, a full sentence. */
  public String text() {
    return text;
  }

  /** CamelCase, as Kubernetes condition reasons and event reasons are written. */
  public String code() {
    StringBuilder code = new StringBuilder();
    boolean upper = true;
    for (char c : name().toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        code.append(upper ? c : Character.toLowerCase(c));
        upper = false;
      }
    }
    return code.toString();
  }
}
