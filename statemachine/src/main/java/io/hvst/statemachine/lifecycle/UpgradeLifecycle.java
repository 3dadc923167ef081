package io.hvst.statemachine.lifecycle;

import static io.hvst.statemachine.lifecycle.UpgradeEvent.ABORT;
import static io.hvst.statemachine.lifecycle.UpgradeEvent.ACCEPTED;
import static io.hvst.statemachine.lifecycle.UpgradeEvent.ALL_NODES_UPGRADED;
import static io.hvst.statemachine.lifecycle.UpgradeEvent.NODE_FAILED;
import static io.hvst.statemachine.lifecycle.UpgradeEvent.PAUSE;
import static io.hvst.statemachine.lifecycle.UpgradeEvent.PREFLIGHT_PASSED;
import static io.hvst.statemachine.lifecycle.UpgradeEvent.RESUME;
import static io.hvst.statemachine.lifecycle.UpgradeEvent.RETRY;
import static io.hvst.statemachine.lifecycle.UpgradePhase.ABORTED;
import static io.hvst.statemachine.lifecycle.UpgradePhase.FAILED;
import static io.hvst.statemachine.lifecycle.UpgradePhase.PAUSED;
import static io.hvst.statemachine.lifecycle.UpgradePhase.PENDING;
import static io.hvst.statemachine.lifecycle.UpgradePhase.PREFLIGHT;
import static io.hvst.statemachine.lifecycle.UpgradePhase.SUCCEEDED;
import static io.hvst.statemachine.lifecycle.UpgradePhase.UPGRADING_NODES;

import java.util.EnumSet;
import java.util.Optional;

/** The upgrade-level state machine. */
public final class UpgradeLifecycle {

  public static final TransitionTable<UpgradePhase, UpgradeEvent> TABLE =
      TransitionTable.<UpgradePhase, UpgradeEvent>startingAt(PENDING)
          .on(PENDING, ACCEPTED, PREFLIGHT)
          .on(PREFLIGHT, PREFLIGHT_PASSED, UPGRADING_NODES)
          .on(PREFLIGHT, NODE_FAILED, FAILED)
          .on(UPGRADING_NODES, ALL_NODES_UPGRADED, SUCCEEDED)
          .on(UPGRADING_NODES, NODE_FAILED, FAILED)
          .on(UPGRADING_NODES, PAUSE, PAUSED)
          .on(PAUSED, RESUME, UPGRADING_NODES)
          .on(PAUSED, NODE_FAILED, FAILED)
          .on(FAILED, RETRY, UPGRADING_NODES)
          .fromEach(EnumSet.of(PENDING, PREFLIGHT, UPGRADING_NODES, PAUSED, FAILED), ABORT, ABORTED)
          .build();

  private final Lifecycle<UpgradePhase, UpgradeEvent> lifecycle =
      new Lifecycle<>(UpgradePhase.class, TABLE);

  public Optional<UpgradePhase> fire(UpgradePhase from, UpgradeEvent event) {
    return lifecycle.fire(from, event);
  }
}
