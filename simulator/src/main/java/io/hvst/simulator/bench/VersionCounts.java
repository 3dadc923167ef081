package io.hvst.simulator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Counts the new versions a watch delivers of some objects, and those identical to the version
 * before apart from the resourceVersion: writes that changed nothing.
 */
final class VersionCounts {

  private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"[^\"]*\"");

  private final KubernetesSerialization serialization;
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong unchanged = new AtomicLong();

  VersionCounts(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /** Counts one update; true when it changed nothing. */
  <T extends HasMetadata> boolean compare(T before, T after) {
    updates.incrementAndGet();
    boolean same = content(before).equals(content(after));
    if (same) {
      unchanged.incrementAndGet();
    }
    return same;
  }

  long updates() {
    return updates.get();
  }

  long unchanged() {
    return unchanged.get();
  }

  private String content(HasMetadata object) {
    return RESOURCE_VERSION.matcher(serialization.asJson(object)).replaceFirst("");
  }
}
