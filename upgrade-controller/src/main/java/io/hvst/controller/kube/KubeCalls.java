package io.hvst.controller.kube;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;

/**
 * Every call to the API server goes through here: rate-limited, counted by a circuit breaker, and
 * retried with backoff and jitter when the failure is transient. What still fails transiently
 * surfaces as {@link ApiUnavailableException}; anything else is rethrown as is.
 */
public final class KubeCalls {

  private final Retry retry;
  private final CircuitBreaker breaker;
  private final RateLimiter limiter;
  private final TransientFailures transientFailures = new TransientFailures();

  public KubeCalls(Retry retry, CircuitBreaker breaker, RateLimiter limiter) {
    this.retry = retry;
    this.breaker = breaker;
    this.limiter = limiter;
  }

  public <T> T call(String operation, Supplier<T> request) {
    Supplier<T> limited = RateLimiter.decorateSupplier(limiter, request);
    Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, limited);
    try {
      return Retry.decorateSupplier(retry, guarded).get();
    } catch (CallNotPermittedException | RequestNotPermitted e) {
      throw new ApiUnavailableException(operation, e);
    } catch (RuntimeException e) {
      if (transientFailures.test(e)) {
        throw new ApiUnavailableException(operation, e);
      }
      throw e;
    }
  }

  public void run(String operation, Runnable request) {
    call(
        operation,
        () -> {
          request.run();
          return null;
        });
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }
}
