package io.hvst.controller.loop;

/**
 * Stops the reconcile loop dead, as a killed process would: nothing more is written or done by this
 * controller instance. Only tests throw it.
 */
public final class ControllerCrash extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ControllerCrash(String message) {
    super(message);
  }
}
