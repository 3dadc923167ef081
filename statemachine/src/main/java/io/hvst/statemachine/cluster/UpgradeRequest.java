package io.hvst.statemachine.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A Harvester {@code Upgrade} resource as the controller reads it: {@code version} is the raw
 * {@code spec.version} text (null when absent), checked later, never trusted.
 */
public record UpgradeRequest(
    String namespace,
    String name,
    String uid,
    String version,
    String upgradeImage,
    Instant createdAt,
    Map<String, String> annotations) {

  public UpgradeRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    uid = uid == null ? "" : uid;
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    annotations = Map.copyOf(annotations);
  }

  public String key() {
    return namespace + "/" + name;
  }

  public String annotation(String key) {
    return annotations.getOrDefault(key, "");
  }
}
