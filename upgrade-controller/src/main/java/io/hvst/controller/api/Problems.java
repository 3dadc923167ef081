package io.hvst.controller.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problem types (RFC 9457) the API answers with, and how their bodies are built. */
public final class Problems {

  /** Media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private static final String BASE = "https://hvst.io/problems/";

  public static final URI UPGRADE_NOT_FOUND = URI.create(BASE + "upgrade-not-found");
  public static final URI INVALID_NAME = URI.create(BASE + "invalid-name");
  public static final URI CACHES_NOT_SYNCED = URI.create(BASE + "caches-not-synced");

  private Problems() {}

  static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }
}
