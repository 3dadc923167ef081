package io.hvst.controller.kube;

/**
 * The API server kept failing after retries, or the circuit breaker is open. Nothing is wrong with
 * the upgrade; the loop backs off and tries again, and the upgrade shows as blocked.
 */
public final class ApiUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ApiUnavailableException(String operation, Throwable cause) {
    super(operation + ": the Kubernetes API is unavailable (" + cause.getMessage() + ")", cause);
  }
}
