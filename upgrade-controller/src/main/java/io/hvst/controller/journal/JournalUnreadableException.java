package io.hvst.controller.journal;

/** The journal ConfigMap exists but cannot be trusted; the message says why. */
public final class JournalUnreadableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JournalUnreadableException(String message) {
    super(message);
  }

  public JournalUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
