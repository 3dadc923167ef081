package io.hvst.controller.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Failures worth retrying: server errors, throttling, timeouts and lost connections. A 409 is not
 * one: a conflict means our view is stale, so the caller re-reads and decides again.
 */
public final class TransientFailures implements Predicate<Throwable> {

  @Override
  public boolean test(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && isTransientCode(k.getCode())) {
        return true;
      }
      if (t instanceof IOException
          || t instanceof InterruptedIOException
          || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  static boolean isTransientCode(int code) {
    return code == 0 || code == 429 || code >= 500;
  }

  public static int code(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        return k.getCode();
      }
    }
    return 0;
  }
}
