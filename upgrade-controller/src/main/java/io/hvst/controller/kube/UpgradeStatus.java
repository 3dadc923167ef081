package io.hvst.controller.kube;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Upgrade's status. Fields other controllers write (imageID, repoInfo, ...) are kept as they
 * are, so reading and writing back never drops them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class UpgradeStatus {
  private Map<String, NodeUpgradeStatus> nodeStatuses = new LinkedHashMap<>();
  private List<UpgradeCondition> conditions = new ArrayList<>();
  private String previousVersion;
  private final Map<String, Object> other = new LinkedHashMap<>();

  public Map<String, NodeUpgradeStatus> getNodeStatuses() {
    return nodeStatuses;
  }

  public void setNodeStatuses(Map<String, NodeUpgradeStatus> nodeStatuses) {
    this.nodeStatuses = nodeStatuses == null ? new LinkedHashMap<>() : nodeStatuses;
  }

  public List<UpgradeCondition> getConditions() {
    return conditions;
  }

  public void setConditions(List<UpgradeCondition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public String getPreviousVersion() {
    return previousVersion;
  }

  public void setPreviousVersion(String previousVersion) {
    this.previousVersion = previousVersion;
  }

  @JsonAnyGetter
  public Map<String, Object> getOther() {
    return other;
  }

  @JsonAnySetter
  public void setOther(String key, Object value) {
    other.put(key, value);
  }
}
