package io.hvst.statemachine.status;

/** One condition of the Upgrade: type, True/False/Unknown, reason and message. */
public record ConditionView(String type, String status, String reason, String message) {
  public static final String NODES_UPGRADED = "NodesUpgraded";
  public static final String COMPLETED = "Completed";
}
