package io.hvst.controller.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Read-your-writes for informer caches. After the controller writes an object it expects the cache
 * to show at least that resourceVersion; until it does (or a grace period passes) a snapshot would
 * be stale, so the loop waits for the watch event instead of deciding on old data and repeating the
 * write.
 */
public final class WriteExpectations {

  /** An object the controller wrote. */
  public record Key(String kind, String namespace, String name) {}

  private record Expected(String resourceVersion, Instant since) {}

  private final Map<Key, Expected> expected = new ConcurrentHashMap<>();

  public void expect(Key key, String resourceVersion, Instant now) {
    expected.put(key, new Expected(resourceVersion, now));
  }

  /**
   * True while some write is not yet visible. Satisfied and expired expectations are dropped.
   *
   * @param cached the resourceVersion the cache holds for a key, empty when absent
   */
  public boolean pending(Function<Key, Optional<String>> cached, Instant now, Duration grace) {
    boolean pending = false;
    for (Iterator<Map.Entry<Key, Expected>> it = expected.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Expected> e = it.next();
      Expected want = e.getValue();
      boolean seen =
          cached.apply(e.getKey()).filter(rv -> atLeast(rv, want.resourceVersion())).isPresent();
      if (seen || !now.isBefore(want.since().plus(grace))) {
        it.remove();
      } else {
        pending = true;
      }
    }
    return pending;
  }

  /** resourceVersions are opaque, but every API server we know numbers them; else compare equal. */
  static boolean atLeast(String actual, String wanted) {
    try {
      return Long.parseLong(actual) >= Long.parseLong(wanted);
    } catch (NumberFormatException e) {
      return actual.equals(wanted);
    }
  }
}
