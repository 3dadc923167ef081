package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.UpgradeEvent;
import io.hvst.statemachine.lifecycle.UpgradeLifecycle;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Instant;

/** Upgrade-phase transitions, each checked by the upgrade state machine. */
final class Phases {

  private final UpgradeLifecycle lifecycle;

  Phases(UpgradeLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  Journal fire(Journal journal, UpgradeEvent event, Instant now) {
    UpgradePhase from = journal.upgrade().phase();
    UpgradePhase to =
        lifecycle
            .fire(from, event)
            .orElseThrow(() -> new IllegalStateException(event + " is not legal in " + from));
    return journal.with(journal.upgrade().enter(to, now));
  }

  Journal fail(Journal journal, UpgradeEvent event, Reason reason, String message, Instant now) {
    Journal next = fire(journal, event, now);
    return next.with(next.upgrade().withFailure(new Failure(reason, message, null, now)));
  }

  boolean allows(Journal journal, UpgradeEvent event) {
    return lifecycle.fire(journal.upgrade().phase(), event).isPresent();
  }
}
