package io.hvst.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API server's own view of its storage, for behaviours that act inside a request (admission,
 * the Eviction API). Runs on the server's request threads: no HTTP, no waiting on other threads.
 */
public final class Store {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatorDispatcher store;
  private final KubernetesSerialization serialization;
  private final ObjectMapper mapper = new ObjectMapper();

  public Store(SimulatorDispatcher store, KubernetesSerialization serialization) {
    this.store = store;
    this.serialization = serialization;
  }

  public KubernetesSerialization serialization() {
    return serialization;
  }

  public <T> Optional<T> get(String path, Class<T> type) {
    MockResponse response = store.handleGet(path);
    if (response.code() != HttpURLConnection.HTTP_OK) {
      return Optional.empty();
    }
    return Optional.of(serialization.unmarshal(response.getBody().readUtf8(), type));
  }

  public <T> List<T> list(String path, Class<T> type) {
    MockResponse response = store.handleGet(path);
    List<T> items = new ArrayList<>();
    if (response.code() != HttpURLConnection.HTTP_OK) {
      return items;
    }
    try {
      JsonNode list = mapper.readTree(response.getBody().readUtf8());
      for (JsonNode item : list.path("items")) {
        items.add(serialization.unmarshal(mapper.writeValueAsString(item), type));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return items;
  }

  public MockResponse create(String path, Object body) {
    return store.handleCreate(request(HttpMethod.POST, path, "application/json", body));
  }

  /** Creates from the client's own request (its body must not have been read). */
  public MockResponse create(RecordedRequest request) {
    return store.handleCreate(request);
  }

  public MockResponse jsonPatch(String path, List<?> ops) {
    return store.handlePatch(request(HttpMethod.PATCH, path, "application/json-patch+json", ops));
  }

  public MockResponse delete(String path) {
    return store.handleDelete(path);
  }

  /** The body of a request, without consuming it. */
  public static String peekBody(RecordedRequest request) {
    return request.getBody() == null
        ? ""
        : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  /** The name a create asks for, from its body (empty when it only has a generateName). */
  public static String nameInBody(RecordedRequest request) {
    try {
      return JSON.readTree(peekBody(request)).path("metadata").path("name").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** The path without its query string. */
  public static String route(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private RecordedRequest request(HttpMethod method, String path, String type, Object body) {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", type).add("User-Agent", "hvst-apiserver").build(),
        new Buffer().writeUtf8(serialization.asJson(body)));
  }
}
