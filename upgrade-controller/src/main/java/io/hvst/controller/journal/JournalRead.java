package io.hvst.controller.journal;

import io.hvst.statemachine.journal.Journal;
import java.util.Optional;

/** What reading an Upgrade's journal found. */
public sealed interface JournalRead {

  /** No journal: the Upgrade has not started. */
  record Absent() implements JournalRead {}

  /** A journal, and the resourceVersion a compare-and-swap must match. */
  record Present(Journal journal, String resourceVersion) implements JournalRead {}

  /**
   * A journal left by an earlier Upgrade of the same name (deleted and created again): the new
   * Upgrade starts afresh and may overwrite it at this resourceVersion.
   */
  record Foreign(String resourceVersion, String ownerUid) implements JournalRead {}

  /** A journal that cannot be trusted: left untouched, the upgrade halts with this message. */
  record Unreadable(String message) implements JournalRead {}

  /** The journal, when one was read and trusted. */
  default Optional<Journal> current() {
    return this instanceof Present p ? Optional.of(p.journal()) : Optional.empty();
  }
}
