package io.hvst.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/** metav1.Status answers, as the API server writes them. */
public final class Statuses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Statuses() {}

  public static MockResponse failure(
      int code, String reason, String message, String kind, String name) {
    return failure(code, reason, message, kind, name, List.of());
  }

  public static MockResponse failure(
      int code, String reason, String message, String kind, String name, List<StatusCause> causes) {
    Status status =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .withNewMetadata()
            .endMetadata()
            .withNewDetails()
            .withKind(kind)
            .withName(name)
            .withCauses(causes.isEmpty() ? null : causes)
            .endDetails()
            .build();
    return answer(code, status);
  }

  public static MockResponse success(int code) {
    Status status =
        new StatusBuilder()
            .withStatus("Success")
            .withCode(code)
            .withNewMetadata()
            .endMetadata()
            .build();
    return answer(code, status);
  }

  public static MockResponse notFound(String resource, String name) {
    return failure(404, "NotFound", resource + " \"" + name + "\" not found", resource, name);
  }

  private static String json(Status status) {
    try {
      return JSON.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MockResponse answer(int code, Status status) {
    status.setApiVersion("v1");
    status.setKind("Status");
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(json(status));
  }
}
