package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.UpgradeAction;
import io.hvst.statemachine.journal.NodeRecord;
import java.util.Optional;

/** What the quota side of one VM's migration decided: the record, maybe a write, maybe a wait. */
record QuotaOutcome(
    NodeRecord record, Optional<UpgradeAction> action, Optional<Reason> waitFor, String detail) {

  /** Nothing in the way. */
  static QuotaOutcome ready(NodeRecord rec) {
    return new QuotaOutcome(rec, Optional.empty(), Optional.empty(), "");
  }

  /** Nothing to write, but the migration must wait. */
  static QuotaOutcome waiting(NodeRecord rec, Reason reason, String detail) {
    return new QuotaOutcome(rec, Optional.empty(), Optional.of(reason), detail);
  }

  /** A quota write under way: the migration waits for it. */
  static QuotaOutcome adjusting(NodeRecord rec, UpgradeAction write, String detail) {
    return new QuotaOutcome(rec, Optional.of(write), Optional.of(Reason.QUOTA_ADJUSTING), detail);
  }

  boolean ready() {
    return waitFor.isEmpty();
  }
}
