package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Only one Upgrade runs at a time. An Upgrade with a journal in a running phase keeps running;
 * otherwise the newest Upgrade without a journal may start, and older ones are superseded. Every
 * other Upgrade without a journal is refused with a reason.
 */
public final class UpgradeSelector {

  /** Who may act, and who is refused and why. */
  public record Selection(Optional<UpgradeRequest> startable, Map<String, Refusal> refused) {}

  private UpgradeSelector() {}

  /**
   * Selects among {@code upgrades}; {@code phases} holds the journal phase of each Upgrade (by key)
   * that has a journal.
   */
  public static Selection select(List<UpgradeRequest> upgrades, Map<String, UpgradePhase> phases) {
    Optional<UpgradeRequest> running =
        upgrades.stream()
            .filter(u -> phases.containsKey(u.key()) && !phases.get(u.key()).isFinished())
            .findFirst();
    List<UpgradeRequest> fresh =
        upgrades.stream().filter(u -> !phases.containsKey(u.key())).sorted(newestFirst()).toList();
    Map<String, Refusal> refused = new HashMap<>();
    if (running.isPresent()) {
      String message =
          "Upgrade " + running.get().key() + " is in progress; only one runs at a time.";
      fresh.forEach(
          u -> refused.put(u.key(), new Refusal(Reason.ANOTHER_UPGRADE_RUNNING, message)));
      return new Selection(Optional.empty(), refused);
    }
    if (fresh.isEmpty()) {
      return new Selection(Optional.empty(), refused);
    }
    UpgradeRequest newest = fresh.get(0);
    String message = "Upgrade " + newest.key() + " is newer; only the newest one runs.";
    fresh.stream()
        .skip(1)
        .forEach(u -> refused.put(u.key(), new Refusal(Reason.SUPERSEDED, message)));
    return new Selection(Optional.of(newest), refused);
  }

  private static Comparator<UpgradeRequest> newestFirst() {
    return Comparator.comparing(UpgradeRequest::createdAt)
        .thenComparing(UpgradeRequest::key)
        .reversed();
  }
}
