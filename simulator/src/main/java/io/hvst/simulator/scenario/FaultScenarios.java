package io.hvst.simulator.scenario;

import io.hvst.simulator.session.RandomRestarts;
import java.util.Map;

/** The controller's own world failing: API errors and restarts at random steps. */
public final class FaultScenarios {

  /** The share of the controller's requests answered with an error. */
  public static final double ERROR_RATE = 0.10;

  /** The most restarts a chaos run makes, and the most journal writes between two. */
  public static final int MAX_RESTARTS = 6;

  public static final int MAX_WRITES_BETWEEN_RESTARTS = 10;

  /** A node label (a user role) the OS upgrade resets and the controller must put back. */
  public static final String ROLE_LABEL = "node-role.example.com/db";

  private FaultScenarios() {}

  /**
   * VMs to migrate, a full quota to raise, a label to put back; 10% of the controller's requests
   * fail (500, 503, 409, 429) and the controller is restarted or killed at random journal writes.
   */
  public static ScenarioSetup chaos() {
    return DrainScenarios.quotaFull()
        .needs(3)
        .cluster(c -> c.node("node-3", n -> n.withLabels(Map.of(ROLE_LABEL, "true"))))
        .arm(s -> s.cluster().apiFaults().errors(ERROR_RATE, 500, 503, 409, 429).on())
        .arm(
            s ->
                RandomRestarts.start(
                    s, s.cluster().spec().seed(), MAX_WRITES_BETWEEN_RESTARTS, MAX_RESTARTS));
  }
}
