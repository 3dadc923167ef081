package io.hvst.simulator.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status each Pod was created with, by {@code namespace/name}. The mock stores it as sent; a
 * real API server resets a new Pod to Pending, and only its kubelet reports more. The stand-in
 * kubelet reports exactly what the simulator meant (Running and Ready, or not yet Ready).
 */
final class CreatedStatuses {

  private static final Pattern POD_CREATE = Pattern.compile("/api/v1/namespaces/([^/]+)/pods");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> byPod = new ConcurrentHashMap<>();

  /** Notes the status in the body of a POST to {@code path}, if it creates a Pod with one. */
  void recordCreate(String path, String body) {
    Matcher pods = POD_CREATE.matcher(path);
    if (!pods.matches()) {
      return;
    }
    JsonNode pod;
    try {
      pod = JSON.readTree(body);
    } catch (IOException e) {
      return;
    }
    JsonNode status = pod.path("status");
    String name = pod.path("metadata").path("name").asText("");
    String phase = status.path("phase").asText("");
    if (!name.isEmpty() && !phase.isEmpty() && !"Pending".equals(phase)) {
      byPod.put(pods.group(1) + "/" + name, status);
    }
  }

  /** The status {@code namespace/name} was created with; forgotten once taken. */
  Optional<JsonNode> take(String namespace, String name) {
    return Optional.ofNullable(byPod.remove(namespace + "/" + name));
  }
}
