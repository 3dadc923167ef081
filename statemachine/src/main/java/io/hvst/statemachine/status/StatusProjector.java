package io.hvst.statemachine.status;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.Decision;
import io.hvst.statemachine.decide.Refusal;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.decide.steps.DriftCulprits;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Projects a decision onto the status the Upgrade resource shows. */
public final class StatusProjector {

  private StatusProjector() {}

  public static UpgradeStatusView project(Decision decision) {
    if (decision.refusal().isPresent()) {
      return refused(decision.refusal().get());
    }
    Journal journal = decision.journal().orElseThrow();
    Map<String, Wait> waits =
        decision.waits().stream()
            .filter(w -> !w.node().isEmpty())
            .collect(Collectors.toMap(Wait::node, Function.identity(), (a, b) -> a));
    Map<String, NodeStatusView> nodes = new TreeMap<>();
    for (NodeRecord rec : journal.nodeRecords()) {
      Optional<Wait> wait = Optional.ofNullable(waits.get(rec.name()));
      HarvesterStates.of(rec.state(), wait.map(Wait::reason))
          .ifPresent(state -> nodes.put(rec.name(), nodeStatus(state, rec, wait)));
    }
    UpgradePhase phase = journal.upgrade().phase();
    return new UpgradeStatusView(
        HarvesterStates.label(phase),
        journal.upgrade().previousVersion(),
        nodes,
        conditions(phase, journal.upgrade().failureInfo(), decision));
  }

  private static NodeStatusView nodeStatus(String state, NodeRecord rec, Optional<Wait> wait) {
    if (rec.failure() != null && rec.state().isTerminal()) {
      return new NodeStatusView(state, rec.failure().reason().code(), rec.failure().message());
    }
    if (wait.isEmpty() && rec.driftCount() > 0) {
      return new NodeStatusView(state, Reason.SCHEDULING_DRIFT.code(), DriftCulprits.describe(rec));
    }
    return wait.map(w -> new NodeStatusView(state, w.reason().code(), w.detail()))
        .orElse(new NodeStatusView(state, "", ""));
  }

  /** What holds the upgrade as a whole, if anything (a missing repo VM, a bad policy entry). */
  private static Optional<Wait> upgradeWide(Decision decision) {
    return decision.waits().stream().filter(w -> w.node().isEmpty()).findFirst();
  }

  /** The success message, with the policy entries that were ignored, if any. */
  private static String succeeded(Decision decision) {
    List<String> ignored =
        decision.waits().stream()
            .filter(w -> w.reason() == Reason.SCHEDULING_POLICY_IGNORED)
            .map(Wait::detail)
            .toList();
    return ignored.isEmpty()
        ? Reason.UPGRADE_SUCCEEDED.text()
        : Reason.UPGRADE_SUCCEEDED.text()
            + " Ignored, fix before the next upgrade: "
            + String.join("; ", ignored)
            + ".";
  }

  private static List<ConditionView> conditions(
      UpgradePhase phase, Optional<Failure> failure, Decision decision) {
    String reason = failure.map(f -> f.reason().code()).orElse("");
    String message = failure.map(Failure::message).orElse("");
    Optional<Wait> holding = upgradeWide(decision);
    return switch (phase) {
      case SUCCEEDED -> both("True", Reason.UPGRADE_SUCCEEDED.code(), succeeded(decision));
      case FAILED, ABORTED -> both("False", reason, message);
      case PAUSED -> both("Unknown", Reason.PAUSED_BY_USER.code(), Reason.PAUSED_BY_USER.text());
      default ->
          holding
              .map(w -> both("Unknown", w.reason().code(), w.detail()))
              .orElse(
                  both(
                      "Unknown",
                      Reason.UPGRADE_IN_PROGRESS.code(),
                      Reason.UPGRADE_IN_PROGRESS.text()));
    };
  }

  private static List<ConditionView> both(String status, String reason, String message) {
    return List.of(
        new ConditionView(ConditionView.NODES_UPGRADED, status, reason, message),
        new ConditionView(ConditionView.COMPLETED, status, reason, message));
  }

  private static UpgradeStatusView refused(Refusal refusal) {
    ConditionView completed =
        new ConditionView(
            ConditionView.COMPLETED, "False", refusal.reason().code(), refusal.message());
    return new UpgradeStatusView(
        HarvesterStates.label(UpgradePhase.FAILED), "", Map.of(), List.of(completed));
  }
}
