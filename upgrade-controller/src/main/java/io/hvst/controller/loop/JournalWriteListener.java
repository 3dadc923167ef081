package io.hvst.controller.loop;

import io.hvst.statemachine.cluster.UpgradeRequest;

/**
 * Told after each successful journal write, before the actions of that pass run. Production has
 * none; tests use it to crash the controller at exactly this point ({@link ControllerCrash}).
 */
@FunctionalInterface
public interface JournalWriteListener {

  void written(UpgradeRequest upgrade, long sequence);

  static JournalWriteListener none() {
    return (upgrade, sequence) -> {};
  }
}
