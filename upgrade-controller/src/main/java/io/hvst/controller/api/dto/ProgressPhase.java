package io.hvst.controller.api.dto;

import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.swagger.v3.oas.annotations.media.Schema;

/** Where an Upgrade is, as the API reports it: the journal's phase, or why there is none. */
@Schema(
    description =
        "The journal's phase; REFUSED when the controller refused the Upgrade, PENDING when it has"
            + " no journal yet, JOURNAL_UNREADABLE when its journal cannot be decoded.")
public enum ProgressPhase {
  PENDING,
  PREFLIGHT,
  UPGRADING_NODES,
  PAUSED,
  SUCCEEDED,
  FAILED,
  ABORTED,
  REFUSED,
  JOURNAL_UNREADABLE;

  public static ProgressPhase of(UpgradePhase phase) {
    return valueOf(phase.name());
  }
}
