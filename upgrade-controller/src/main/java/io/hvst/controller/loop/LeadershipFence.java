package io.hvst.controller.loop;

/** Whether this replica may act right now; checked before every write. */
@FunctionalInterface
public interface LeadershipFence {
  boolean holds();

  static LeadershipFence always() {
    return () -> true;
  }
}
