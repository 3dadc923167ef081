package io.hvst.statemachine.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * What the controller observed of one ResourceQuota. Amounts are in base units: millicores for cpu
 * resources, bytes for memory and storage, counts for object counts ({@code pods}).
 */
public record QuotaView(
    String namespace,
    String name,
    Map<String, Long> hard,
    Map<String, Long> used,
    Map<String, String> annotations,
    String resourceVersion) {

  public QuotaView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    hard = Map.copyOf(hard);
    used = Map.copyOf(used);
    annotations = Map.copyOf(annotations);
    resourceVersion = resourceVersion == null ? "" : resourceVersion;
  }

  public String key() {
    return namespace + "/" + name;
  }
}
