package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Harvester's {@code harvesterhci.io/v1beta1 Upgrade}; its CRD has no status subresource. */
@Group("harvesterhci.io")
@Version("v1beta1")
@Kind("Upgrade")
@Plural("upgrades")
@Singular("upgrade")
public class Upgrade extends CustomResource<UpgradeSpec, UpgradeStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;

  public static final String STATE_LABEL = "harvesterhci.io/upgradeState";

  @Override
  protected UpgradeSpec initSpec() {
    return new UpgradeSpec();
  }
}
