package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceNamesTest {

  @Test
  void derivesJobNamesFromUpgradeNodeAndAttempt() {
    assertThat(ResourceNames.upgradeJob("hvst-upgrade", "node-1", 1))
        .isEqualTo("hvst-hvst-upgrade-node-1-upgrade-1");
    assertThat(ResourceNames.upgradeJob("hvst-upgrade", "node-1", 2))
        .isNotEqualTo(ResourceNames.upgradeJob("hvst-upgrade", "node-1", 1));
  }

  @Test
  void keepsLongNamesValidAndDistinct() {
    String node = "a-very-long-node-name-from-a-cloud-provider.example.internal";
    String first = ResourceNames.upgradeJob("hvst-upgrade", node, 1);
    String second = ResourceNames.upgradeJob("hvst-upgrade", node + "x", 1);
    assertThat(first).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(first).isNotEqualTo(second);
  }
}
