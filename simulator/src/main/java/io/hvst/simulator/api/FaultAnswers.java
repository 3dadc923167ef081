package io.hvst.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** The error answers of an API server in trouble, worded as a real one words them. */
final class FaultAnswers {

  private FaultAnswers() {}

  static MockResponse error(int code, String verb, RecordedRequest request) {
    ApiPath path = ApiPath.parse(Store.route(request)).orElse(new ApiPath("", "", "", ""));
    String resource = path.qualifiedResource();
    String name = path.name().isEmpty() ? Store.nameInBody(request) : path.name();
    return switch (code) {
      case 409 -> conflict(verb, resource, name);
      case 429 ->
          Statuses.failure(
                  429,
                  "TooManyRequests",
                  "Too many requests, please try again later.",
                  resource,
                  name)
              .setHeader("Retry-After", "1");
      case 500 ->
          Statuses.failure(
              500,
              "InternalError",
              "Internal error occurred: injected by the simulator",
              resource,
              name);
      case 503 ->
          Statuses.failure(
              503,
              "ServiceUnavailable",
              "the server is currently unable to handle the request",
              resource,
              name);
      case 504 ->
          Statuses.failure(
              504,
              "Timeout",
              "Timeout: request did not complete within requested timeout"
                  + " - context deadline exceeded",
              resource,
              name);
      default -> throw new IllegalArgumentException("cannot inject HTTP " + code);
    };
  }

  private static MockResponse conflict(String verb, String resource, String name) {
    if ("create".equals(verb)) {
      return Statuses.failure(
          409, "AlreadyExists", resource + " \"" + name + "\" already exists", resource, name);
    }
    return Statuses.failure(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + resource
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        resource,
        name);
  }
}
