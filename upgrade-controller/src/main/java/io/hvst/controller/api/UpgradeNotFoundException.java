package io.hvst.controller.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No Upgrade of that namespace and name is in the caches: 404. */
final class UpgradeNotFoundException extends ErrorResponseException {

  UpgradeNotFoundException(String namespace, String name) {
    super(HttpStatus.NOT_FOUND, body(namespace, name), null);
  }

  private static ProblemDetail body(String namespace, String name) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.NOT_FOUND,
            Problems.UPGRADE_NOT_FOUND,
            "Upgrade not found",
            "There is no Upgrade " + namespace + "/" + name + ".");
    problem.setProperty("namespace", namespace);
    problem.setProperty("name", name);
    return problem;
  }
}
