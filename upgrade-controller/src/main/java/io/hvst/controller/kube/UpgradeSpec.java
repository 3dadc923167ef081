package io.hvst.controller.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The Upgrade's spec, as in Harvester's CRD. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpgradeSpec {
  private String version;
  private String image;
  private String upgradeImage;
  private Boolean logEnabled;

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getUpgradeImage() {
    return upgradeImage;
  }

  public void setUpgradeImage(String upgradeImage) {
    this.upgradeImage = upgradeImage;
  }

  public Boolean getLogEnabled() {
    return logEnabled;
  }

  public void setLogEnabled(Boolean logEnabled) {
    this.logEnabled = logEnabled;
  }
}
