package io.hvst.controller.loop;

import io.hvst.controller.act.ActionExecutor;
import io.hvst.controller.journal.JournalConflictException;
import io.hvst.controller.journal.JournalRead;
import io.hvst.controller.journal.JournalStore;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.record.EventRecorder;
import io.hvst.controller.record.StatusWriter;
import io.hvst.controller.record.UpgradeMetrics;
import io.hvst.statemachine.decide.Decision;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.status.StatusProjector;
import io.hvst.statemachine.status.Transition;
import io.hvst.statemachine.status.Transitions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Act and record for one Upgrade's decision: the journal first (compare-and-swap), then the
 * actions, then status, events and metrics. A lost compare-and-swap ends the pass with nothing
 * done; the next pass decides again from what is really there.
 */
final class UpgradeReconcile {

  private static final Logger LOG = LoggerFactory.getLogger(UpgradeReconcile.class);

  private final JournalStore journals;
  private final ActionExecutor executor;
  private final StatusWriter status;
  private final EventRecorder events;
  private final UpgradeMetrics metrics;
  private final LeadershipFence fence;
  private final JournalWriteListener listener;
  private long writes;

  UpgradeReconcile(
      JournalStore journals,
      ActionExecutor executor,
      StatusWriter status,
      EventRecorder events,
      UpgradeMetrics metrics,
      LeadershipFence fence,
      JournalWriteListener listener) {
    this.journals = journals;
    this.executor = executor;
    this.status = status;
    this.events = events;
    this.metrics = metrics;
    this.fence = fence;
    this.listener = listener;
  }

  /** Returns false when the pass was cut short and must run again. */
  boolean apply(Upgrade resource, JournalRead read, Decision decision, Instant now) {
    Optional<Journal> next = decision.journal();
    next.ifPresent(j -> MDC.put("phase", j.upgrade().phase().name()));
    if (!fence.holds()) {
      return false;
    }
    if (next.isPresent() && !next.equals(read.current())) {
      try {
        journals.write(decision.upgrade(), read, next.get());
        listener.written(decision.upgrade(), ++writes);
      } catch (JournalConflictException e) {
        LOG.info("Journal changed under us; deciding again: {}", e.getMessage());
        return false;
      }
    }
    if (!fence.holds()) {
      return false;
    }
    executor.execute(decision.upgrade(), decision.actions());
    next.ifPresent(j -> record(decision, read.current(), j, now));
    events.blocks(decision.upgrade(), decision.waits());
    events.refusal(decision.upgrade(), decision.refusal());
    status.write(resource, StatusProjector.project(decision));
    return true;
  }

  private void record(Decision decision, Optional<Journal> before, Journal after, Instant now) {
    List<Transition> changes = Transitions.between(before, after);
    events.transitions(decision.upgrade(), changes);
    metrics.transitions(before, after, changes, now);
  }
}
