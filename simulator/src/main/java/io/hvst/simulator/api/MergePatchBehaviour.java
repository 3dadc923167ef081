package io.hvst.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;

/**
 * Serves JSON merge patches as the API server does (RFC 7386: lists are replaced, {@code null}
 * removes a key). The CRUD mock appends to lists and ignores {@code null}; here the merge is done
 * right and handed to the mock as the equivalent JSON patch, so its locking, resourceVersion check
 * and watch events still apply.
 */
public final class MergePatchBehaviour implements ApiBehaviour {

  private static final String MERGE = "merge-patch+json";
  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
    String contentType = request.getHeader("Content-Type");
    if (!"PATCH".equalsIgnoreCase(request.getMethod())
        || contentType == null
        || !contentType.contains(MERGE)) {
      return null;
    }
    String path = request.getPath();
    MockResponse current = store.handleGet(path);
    if (current.code() != HttpURLConnection.HTTP_OK) {
      return current;
    }
    try {
      JsonNode before = mapper.readTree(current.getBody().readUtf8());
      JsonNode after = JsonMergePatch.apply(before, mapper.readTree(request.getBody().readUtf8()));
      String ops = mapper.writeValueAsString(JsonDiff.asJson(before, after));
      Headers headers =
          request
              .getHeaders()
              .newBuilder()
              .set("Content-Type", "application/json-patch+json")
              .build();
      return store.handlePatch(
          new RecordedRequest(
              request.getHttpVersion(),
              HttpMethod.PATCH,
              path,
              headers,
              new Buffer().writeUtf8(ops)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
