package io.hvst.statemachine;

/**
 * Why something happened or did not. One enum serves conditions (as {@link #code()}), events, log
 * lines and metric tags, so the same words appear everywhere an operator looks.
 */
public enum Reason {
  // The Upgrade resource itself.
  MISSING_VERSION("The Upgrade has no spec.version."),
  INVALID_VERSION("spec.version is not a version of the form vMAJOR.MINOR.PATCH."),
  ALREADY_AT_VERSION("Every node already runs the requested version."),
  DOWNGRADE_REFUSED("The requested version is older than the version the cluster runs."),
  ANOTHER_UPGRADE_RUNNING("Another Upgrade is in progress; only one runs at a time."),
  SUPERSEDED("A newer Upgrade exists; only the newest one runs."),
  NO_NODES("The cluster has no nodes to upgrade."),
  JOURNAL_UNREADABLE("The progress journal cannot be read; it was left untouched."),
  JOURNAL_FOREIGN("The progress journal belongs to another Upgrade with the same name."),

  // Progress of the upgrade as a whole.
  UPGRADE_STARTED("The upgrade started."),
  UPGRADE_IN_PROGRESS("Nodes are being upgraded one by one."),
  UPGRADE_SUCCEEDED("Every node runs the requested version."),
  NODE_FAILED("A node failed to upgrade; the upgrade stopped."),
  PAUSED_BY_USER("Paused by the upgrade.hvst.io/pause annotation."),
  ABORTED_BY_USER("Aborted by the upgrade.hvst.io/abort annotation."),

  // Gates and waits of a node.
  WAITING_FOR_TURN("Waiting for earlier nodes to finish."),
  MAX_UNAVAILABLE_REACHED("Another node is out of service; maxUnavailable is reached."),
  QUORUM_AT_RISK("Taking this node down would break control-plane quorum."),
  NODE_NOT_READY("The node is not Ready."),
  NODE_GONE("The node no longer exists."),
  WAITING_FOR_CORDON("Waiting for the cordon to show on the node."),
  UPGRADE_JOB_RUNNING("The node upgrade Job is running."),
  NODE_REBOOTING("The node is rebooting into the new version."),
  WAITING_FOR_VERSION("The node is back but does not report the requested version yet."),
  UNCORDON_PENDING("Waiting for the uncordon to show on the node."),

  // Failures of a node.
  STEP_TIMEOUT("The step did not finish within its timeout."),
  UPGRADE_JOB_FAILED("The node upgrade Job failed."),
  NODE_DID_NOT_RETURN("The node did not come back Ready within the upgrade timeout."),
  VERSION_NOT_REPORTED("The node came back but never reported the requested version.");

  private final String text;

  Reason(String text) {
    this.text = text;
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
