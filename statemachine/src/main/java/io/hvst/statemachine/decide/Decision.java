package io.hvst.statemachine.decide;

import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.journal.Journal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one decide pass for one Upgrade. The journal is written (compare-and-swap) before
 * any action runs, so an action that must be undone later is always on record first.
 *
 * @param journal the journal as it must be; empty when the upgrade was refused
 * @param wakeAt when to decide again even if nothing changes (a timeout or a backoff ends)
 */
public record Decision(
    UpgradeRequest upgrade,
    Optional<Journal> journal,
    List<UpgradeAction> actions,
    Optional<Refusal> refusal,
    Optional<Instant> wakeAt) {

  public Decision {
    actions = List.copyOf(actions);
  }

  public static Decision refused(UpgradeRequest upgrade, Refusal refusal) {
    return new Decision(
        upgrade, Optional.empty(), List.of(), Optional.of(refusal), Optional.empty());
  }

  /** This decision with one more action. */
  public Decision withAction(UpgradeAction action) {
    List<UpgradeAction> more = new java.util.ArrayList<>(actions);
    more.add(action);
    return new Decision(upgrade, journal, more, refusal, wakeAt);
  }

  public List<UpgradeAction.Wait> waits() {
    return actions.stream()
        .filter(UpgradeAction.Wait.class::isInstance)
        .map(UpgradeAction.Wait.class::cast)
        .toList();
  }
}
