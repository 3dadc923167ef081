package io.hvst.simulator.sandbox;

import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.statemachine.Reason;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Upgrade's {@code status.nodeStatuses[node]} says a node waits for: reason code and
 * message, and whether the reason is a block (as opposed to ordinary progress or a failure).
 */
record NodeWait(String reason, String message) {

  static final NodeWait NONE = new NodeWait("", "");

  NodeWait {
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
  }

  /** The waits of every node in {@code statuses} (the Upgrade's nodeStatuses). */
  static Map<String, NodeWait> of(Map<String, NodeUpgradeStatus> statuses) {
    Map<String, NodeWait> waits = new LinkedHashMap<>();
    if (statuses != null) {
      statuses.forEach((node, s) -> waits.put(node, new NodeWait(s.getReason(), s.getMessage())));
    }
    return waits;
  }

  boolean isEmpty() {
    return reason.isEmpty();
  }

  /** True for reasons of kind BLOCKED (a PDB refusing, quorum at risk, a node not Ready...). */
  boolean blocked() {
    return Arrays.stream(Reason.values())
        .anyMatch(r -> r.code().equals(reason) && r.kind() == Reason.Kind.BLOCKED);
  }

  String describe() {
    return message.isEmpty() ? reason : reason + ": " + message;
  }
}
