package io.hvst.controller.journal;

/**
 * Someone else wrote the journal since we read it (another leader, or a person). Nothing was
 * written; the caller re-reads and decides again.
 */
public final class JournalConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JournalConflictException(String journal, Throwable cause) {
    super("journal " + journal + " changed since it was read", cause);
  }
}
