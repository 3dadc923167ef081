package io.hvst.controller.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A path segment that cannot name a Kubernetes object: 400. */
final class InvalidNameException extends ErrorResponseException {

  InvalidNameException(String parameter, String value, String rule) {
    super(HttpStatus.BAD_REQUEST, body(parameter, value, rule), null);
  }

  private static ProblemDetail body(String parameter, String value, String rule) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            Problems.INVALID_NAME,
            "Invalid name",
            parameter + " \"" + value + "\" is not a valid name: " + rule);
    problem.setProperty("parameter", parameter);
    return problem;
  }
}
