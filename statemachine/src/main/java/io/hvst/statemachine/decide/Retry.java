package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.UpgradeAction.ClearAnnotation;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradeEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code upgrade.hvst.io/retry: <node>} on a failed upgrade retries that node from the step that
 * failed, under a new attempt. The request is journaled ({@code node@attempt}) and the annotation
 * removed, so it acts once even if the controller restarts in between.
 */
final class Retry {

  private Retry() {}

  static Optional<Journal> apply(
      Journal journal, Controls controls, NodeDecider nodes, Phases phases, Instant now) {
    Optional<NodeRecord> failed = target(journal, controls);
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    NodeRecord rec = failed.get();
    Journal next = journal.with(journal.upgrade().withLastRetry(token(rec)).withFailure(null));
    next = next.with(nodes.retry(rec, now));
    return Optional.of(phases.fire(next, UpgradeEvent.RETRY, now));
  }

  /** A retry annotation that names no failed node (or one already retried): say so. */
  static Optional<UpgradeAction> misaddressed(Journal journal, Controls controls) {
    return controls
        .retryNode()
        .filter(node -> target(journal, controls).isEmpty())
        .filter(
            node ->
                journal
                    .node(node)
                    .map(r -> !journal.upgrade().lastRetry().equals(token(r)))
                    .orElse(true))
        .map(
            node ->
                new UpgradeAction.Wait(
                    "",
                    Reason.CONTROL_ANNOTATION_INVALID,
                    Controls.RETRY
                        + " names "
                        + node
                        + ", which is not a failed node of this upgrade; nothing was retried."));
  }

  static UpgradeAction consumed() {
    return new ClearAnnotation(Controls.RETRY);
  }

  private static Optional<NodeRecord> target(Journal journal, Controls controls) {
    return controls
        .retryNode()
        .flatMap(journal::node)
        .filter(r -> r.state() == NodeState.FAILED)
        .filter(r -> !journal.upgrade().lastRetry().equals(token(r)));
  }

  private static String token(NodeRecord rec) {
    return rec.name() + "@" + rec.attempt();
  }
}
