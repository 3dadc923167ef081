package io.hvst.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.simulator.kube.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Names objects created with {@code generateName} as the API server does (the prefix plus five
 * random characters; the mock would append "-" and a UUID). Rewrites the body and passes on.
 */
public final class GenerateNameBehaviour implements ApiBehaviour {

  private final ObjectMapper mapper = new ObjectMapper();
  private final Names names;

  public GenerateNameBehaviour(Names names) {
    this.names = names;
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
    if (!"POST".equalsIgnoreCase(request.getMethod())
        || !Store.peekBody(request).contains("\"generateName\"")) {
      return null;
    }
    try {
      JsonNode body = mapper.readTree(Store.peekBody(request));
      JsonNode meta = body.path("metadata");
      if (meta.isObject() && meta.path("name").asText("").isEmpty()) {
        ((ObjectNode) meta).put("name", meta.path("generateName").asText() + names.suffix());
        request.getBody().readByteArray();
        request.getBody().write(mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
