package io.hvst.simulator.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * A patch of a built-in object split in two: what the main resource applies, and what only its
 * {@code /status} subresource applies. The mock applies both halves on the main resource; a real
 * API server ignores the status half there. JSON patches (arrays) and merge patches (objects) are
 * both understood; a resourceVersion precondition stays with the main half when there is one.
 *
 * @param main the patch for the main resource, empty when everything in it is status
 * @param status the patch for {@code /status}, empty when nothing in it is status
 */
public record StatusSplit(Optional<String> main, Optional<String> status) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_VERSION = "/metadata/resourceVersion";

  public static StatusSplit of(String patch) {
    JsonNode tree;
    try {
      tree = JSON.readTree(patch);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON patch: " + patch, e);
    }
    if (tree instanceof ArrayNode ops) {
      return ofJsonPatch(patch, ops);
    }
    if (tree instanceof ObjectNode merge) {
      return ofMergePatch(patch, merge);
    }
    return new StatusSplit(Optional.of(patch), Optional.empty());
  }

  /** True when the whole patch belongs to {@code /status}. */
  public boolean statusOnly() {
    return main.isEmpty() && status.isPresent();
  }

  /** True when the patch has to be sent as two requests. */
  public boolean mixed() {
    return main.isPresent() && status.isPresent();
  }

  private static StatusSplit ofJsonPatch(String patch, ArrayNode ops) {
    ArrayNode main = JSON.createArrayNode();
    ArrayNode status = JSON.createArrayNode();
    ArrayNode preconditions = JSON.createArrayNode();
    for (JsonNode op : ops) {
      String path = op.path("path").asText();
      if (path.equals("/status") || path.startsWith("/status/")) {
        status.add(op);
      } else if (path.equals(RESOURCE_VERSION)) {
        preconditions.add(op);
      } else {
        main.add(op);
      }
    }
    if (status.isEmpty()) {
      return new StatusSplit(Optional.of(patch), Optional.empty());
    }
    if (main.isEmpty()) {
      return new StatusSplit(Optional.empty(), Optional.of(patch));
    }
    main.addAll(preconditions);
    return new StatusSplit(Optional.of(main.toString()), Optional.of(status.toString()));
  }

  private static StatusSplit ofMergePatch(String patch, ObjectNode merge) {
    if (!merge.has("status")) {
      return new StatusSplit(Optional.of(patch), Optional.empty());
    }
    ObjectNode main = merge.deepCopy();
    main.remove("status");
    if (onlyResourceVersion(main)) {
      return new StatusSplit(Optional.empty(), Optional.of(patch));
    }
    ObjectNode status = JSON.createObjectNode();
    status.set("status", merge.get("status"));
    return new StatusSplit(Optional.of(main.toString()), Optional.of(status.toString()));
  }

  private static boolean onlyResourceVersion(ObjectNode rest) {
    for (Map.Entry<String, JsonNode> field : rest.properties()) {
      boolean versionOnly =
          field.getKey().equals("metadata")
              && field.getValue().size() == 1
              && field.getValue().has("resourceVersion");
      if (!versionOnly) {
        return false;
      }
    }
    return true;
  }
}
