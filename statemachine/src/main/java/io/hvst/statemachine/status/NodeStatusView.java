package io.hvst.statemachine.status;

/** One entry of {@code status.nodeStatuses}: Harvester's state string, a reason and a message. */
public record NodeStatusView(String state, String reason, String message) {}
