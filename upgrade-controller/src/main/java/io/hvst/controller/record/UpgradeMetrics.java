package io.hvst.controller.record;

import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.status.Transition;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code hvst_upgrade_*} metrics (DESIGN.md section 5). Tags are states, steps, results and
 * reasons, never node or VM names, so cardinality stays bounded. Gauges ({@link UpgradeGauges})
 * show the running upgrade, or the latest finished one; counters and timers ({@link
 * UpgradeHistoryMetrics}) move as the journal records steps and migrations ending.
 */
public final class UpgradeMetrics {

  private final UpgradeGauges gauges;
  private final UpgradeHistoryMetrics history;

  public UpgradeMetrics(MeterRegistry registry) {
    this.gauges = new UpgradeGauges(registry);
    this.history = new UpgradeHistoryMetrics(registry);
  }

  /** Sets the gauges from the journals of every upgrade and the waits of this pass. */
  public void observe(List<Journal> journals, List<Wait> waits) {
    gauges.observe(journals, waits);
    journals.forEach(history::countDrift);
  }

  /**
   * A pass could not get through to the API server (retries spent, or the circuit breaker open):
   * {@code hvst_upgrade_blocked{reason="ApiUnavailable"}} shows 1 until a pass gets through, whose
   * {@link #observe} resets it.
   */
  public void apiUnavailable() {
    gauges.apiUnavailable();
  }

  /** Zeroes the gauges: a replica that does not lead reports nothing it does not decide. */
  public void clear() {
    gauges.clear();
  }

  /** Records the steps, migrations and failures that ended between two journals. */
  public void transitions(
      Optional<Journal> before, Journal after, List<Transition> changes, Instant now) {
    history.transitions(before, after, changes, now);
  }
}
