package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.UpgradeEvent;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Holds the upgrade in PREFLIGHT while Harvester's upgrade-repo VM is missing (Harvester creates it
 * with the Upgrade, so it may lag a little); fails the upgrade if it never appears.
 */
final class Preflight {

  private Preflight() {}

  static Optional<Decision> hold(
      UpgradeRequest upgrade,
      Journal journal,
      ClusterSnapshot snapshot,
      UpgradePolicy policy,
      Phases phases) {
    if (!policy.drain().requireRepoVm() || snapshot.repoVm(upgrade).isPresent()) {
      return Optional.empty();
    }
    Instant now = snapshot.observedAt();
    Instant deadline =
        journal
            .upgrade()
            .enteredAt(UpgradePhase.PREFLIGHT)
            .orElse(now)
            .plus(policy.timeouts().preDrain());
    String message =
        "Harvester's upgrade-repo VM harvester-system/upgrade-repo-"
            + upgrade.name()
            + " does not exist; nodes cannot be upgraded without it.";
    if (!now.isBefore(deadline)) {
      Journal failed =
          phases.fail(journal, UpgradeEvent.NODE_FAILED, Reason.REPO_VM_MISSING, message, now);
      return Optional.of(
          new Decision(
              upgrade, Optional.of(failed), List.of(), Optional.empty(), Optional.empty()));
    }
    List<UpgradeAction> wait = List.of(new UpgradeAction.Wait("", Reason.REPO_VM_MISSING, message));
    return Optional.of(
        new Decision(upgrade, Optional.of(journal), wait, Optional.empty(), Optional.of(deadline)));
  }
}
