package io.hvst.simulator.sandbox;

import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.session.UpgradeSession;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulated cluster does during the sandbox run. Each scenario ends the way its twin in
 * {@code it/} does; the expected result is part of its description.
 */
public enum Scenario {
  HAPPY("happy", "every node upgrades; no faults", "Succeeded");

  private final String id;
  private final String description;
  private final String expected;

  Scenario(String id, String description, String expected) {
    this.id = id;
    this.description = description;
    this.expected = expected;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** The result a correct controller reaches in this scenario. */
  public String expected() {
    return expected;
  }

  public static Optional<Scenario> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  /** The cluster to build for this scenario. */
  public ClusterSpec cluster(int nodes, int vmsPerNode, long seed) {
    return ClusterSpec.standard(nodes, vmsPerNode, seed);
  }

  /** Controller properties this scenario needs (shorter timeouts where it waits for a failure). */
  public Map<String, Object> controllerProperties() {
    return Map.of();
  }

  /** Faults to switch on once the cluster runs. */
  public void arm(UpgradeSession session) {
    // The happy path has none.
  }
}
