package io.hvst.statemachine.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * What the controller observed of one ResourceQuota. Amounts are in base units: millicores for cpu
 * resources, bytes for memory and storage, counts for object counts ({@code pods}).
 *
 * @param hard {@code spec.hard}: what we write
 * @param enforced {@code status.hard}: what admission enforces, copied from spec by the quota
 *     controller a little later
 */
public record QuotaView(
    String namespace,
    String name,
    Map<String, Long> hard,
    Map<String, Long> used,
    Map<String, String> annotations,
    String resourceVersion,
    Map<String, Long> enforced) {

  public QuotaView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    hard = Map.copyOf(hard);
    used = Map.copyOf(used);
    annotations = Map.copyOf(annotations);
    resourceVersion = resourceVersion == null ? "" : resourceVersion;
    enforced = enforced == null ? hard : Map.copyOf(enforced);
  }

  /** A quota whose status already enforces its spec. */
  public QuotaView(
      String namespace,
      String name,
      Map<String, Long> hard,
      Map<String, Long> used,
      Map<String, String> annotations,
      String resourceVersion) {
    this(namespace, name, hard, used, annotations, resourceVersion, hard);
  }

  public String key() {
    return namespace + "/" + name;
  }
}
