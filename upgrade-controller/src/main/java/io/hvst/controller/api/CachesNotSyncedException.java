package io.hvst.controller.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The informer caches have not listed everything yet (or are shut down): 503, try again soon. */
final class CachesNotSyncedException extends ErrorResponseException {

  static final String RETRY_AFTER_SECONDS = "5";

  CachesNotSyncedException() {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            Problems.CACHES_NOT_SYNCED,
            "Caches not synced",
            "The controller's informer caches have not synced with the API server yet; the API"
                + " answers from them only. Try again shortly."),
        null);
    getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
  }
}
