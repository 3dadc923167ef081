package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.ProgressPhase;
import io.hvst.controller.api.dto.ReasonDto;
import io.hvst.controller.journal.JournalRead;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an Upgrade stands: its journal's phase when it has a trusted journal; otherwise refused,
 * pending or unreadable, with the reason.
 */
record Standing(ProgressPhase phase, Optional<Journal> journal, Optional<ReasonDto> reason) {

  static Standing of(UpgradeFacts facts) {
    JournalRead read = facts.journal();
    if (read instanceof JournalRead.Present present) {
      Journal journal = present.journal();
      Optional<ReasonDto> failure =
          journal.upgrade().failureInfo().map(f -> ReasonDto.of(f.reason(), f.message()));
      return new Standing(
          ProgressPhase.of(journal.upgrade().phase()), Optional.of(journal), failure);
    }
    if (read instanceof JournalRead.Unreadable unreadable) {
      return new Standing(
          ProgressPhase.JOURNAL_UNREADABLE,
          Optional.empty(),
          Optional.of(ReasonDto.of(Reason.JOURNAL_UNREADABLE, unreadable.message())));
    }
    // Absent, or a journal left by an earlier Upgrade of the same name: not started.
    Optional<ReasonDto> refusal = ResourceStatus.refusal(facts.resource());
    return new Standing(
        refusal.isPresent() ? ProgressPhase.REFUSED : ProgressPhase.PENDING,
        Optional.empty(),
        refusal);
  }

  Optional<Instant> startedAt() {
    return journal.flatMap(j -> firstEntry(j.upgrade()));
  }

  Optional<Instant> finishedAt() {
    return journal
        .map(Journal::upgrade)
        .filter(u -> u.phase().isFinished())
        .flatMap(u -> u.enteredAt(u.phase()));
  }

  private static Optional<Instant> firstEntry(UpgradeRecord upgrade) {
    return upgrade
        .enteredAt(UpgradePhase.PENDING)
        .or(() -> upgrade.entered().values().stream().min(Instant::compareTo));
  }
}
