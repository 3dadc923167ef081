package io.hvst.simulator.sandbox;

/** Bad command-line usage; the sandbox prints the usage text and exits with 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
