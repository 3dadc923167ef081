package io.hvst.controller.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One condition of the Upgrade, in the CRD's shape. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class UpgradeCondition {
  private String type;
  private String status;
  private String reason;
  private String message;
  private String lastUpdateTime;
  private String lastTransitionTime;

  public UpgradeCondition() {}

  public UpgradeCondition(String type, String status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
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

  public String getLastUpdateTime() {
    return lastUpdateTime;
  }

  public void setLastUpdateTime(String lastUpdateTime) {
    this.lastUpdateTime = lastUpdateTime;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }
}
