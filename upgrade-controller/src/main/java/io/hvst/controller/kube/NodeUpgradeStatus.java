package io.hvst.controller.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** One value of {@code status.nodeStatuses}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeUpgradeStatus {
  private String state;
  private String reason;
  private String message;

  public NodeUpgradeStatus() {}

  public NodeUpgradeStatus(String state, String reason, String message) {
    this.state = state;
    this.reason = reason;
    this.message = message;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeUpgradeStatus other
        && Objects.equals(state, other.state)
        && Objects.equals(blankToNull(reason), blankToNull(other.reason))
        && Objects.equals(blankToNull(message), blankToNull(other.message));
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, blankToNull(reason), blankToNull(message));
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
