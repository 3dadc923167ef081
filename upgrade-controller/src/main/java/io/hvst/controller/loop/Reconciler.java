package io.hvst.controller.loop;

import io.hvst.controller.journal.JournalRead;
import io.hvst.controller.journal.JournalStore;
import io.hvst.controller.kube.ApiUnavailableException;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.observe.ClusterCaches;
import io.hvst.controller.observe.SnapshotObserver;
import io.hvst.controller.observe.Translate;
import io.hvst.controller.record.UpgradeMetrics;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.Decision;
import io.hvst.statemachine.decide.Refusal;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.decide.UpgradeDecider;
import io.hvst.statemachine.decide.UpgradeSelector;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * One reconcile pass over every Upgrade: observe the cluster, read each journal, decide (pure),
 * then act and record through {@link UpgradeReconcile}.
 */
public final class Reconciler {

  /** Refusals that are final: the Upgrade stays refused even once the reason is gone. */
  private static final Set<String> FINAL_REFUSALS =
      Set.of(Reason.ANOTHER_UPGRADE_RUNNING.code(), Reason.SUPERSEDED.code());

  /** When to run again: as soon as possible, at an instant, or only on the next change. */
  public record Outcome(boolean again, Optional<Instant> wakeAt) {}

  private final ClusterCaches caches;
  private final SnapshotObserver observer;
  private final JournalStore journals;
  private final UpgradeDecider decider;
  private final UpgradeReconcile apply;
  private final UpgradeMetrics metrics;

  Reconciler(
      ClusterCaches caches,
      SnapshotObserver observer,
      JournalStore journals,
      UpgradeDecider decider,
      UpgradeReconcile apply,
      UpgradeMetrics metrics) {
    this.caches = caches;
    this.observer = observer;
    this.journals = journals;
    this.decider = decider;
    this.apply = apply;
    this.metrics = metrics;
  }

  public Outcome reconcileOnce() {
    try {
      return pass();
    } catch (ApiUnavailableException e) {
      // The upgrade is blocked on the API, not failed; shown until a pass gets through.
      metrics.apiUnavailable();
      throw e;
    }
  }

  private Outcome pass() {
    Optional<ClusterSnapshot> observed = observer.observe();
    if (observed.isEmpty()) {
      return new Outcome(false, Optional.of(observer.staleRetryAt()));
    }
    ClusterSnapshot snapshot = observed.get();
    Map<Upgrade, UpgradeRequest> upgrades = new LinkedHashMap<>();
    Map<String, JournalRead> reads = new HashMap<>();
    for (Upgrade u : caches.upgrades()) {
      UpgradeRequest request = Translate.upgrade(u);
      upgrades.put(u, request);
      reads.put(request.key(), journals.read(request));
    }
    UpgradeSelector.Selection selection = select(upgrades, reads);
    boolean again = false;
    List<Instant> wakes = new ArrayList<>();
    List<Journal> decided = new ArrayList<>();
    List<Wait> waits = new ArrayList<>();
    for (Map.Entry<Upgrade, UpgradeRequest> e : upgrades.entrySet()) {
      UpgradeRequest request = e.getValue();
      JournalRead read = reads.get(request.key());
      Optional<Decision> decision = decide(e.getKey(), request, read, selection, snapshot);
      if (decision.isEmpty()) {
        continue;
      }
      MDC.put("upgrade", request.key());
      try {
        again |= !apply.apply(e.getKey(), read, decision.get(), snapshot.observedAt());
      } finally {
        MDC.remove("upgrade");
        MDC.remove("phase");
      }
      decision.get().wakeAt().ifPresent(wakes::add);
      decision.get().journal().ifPresent(decided::add);
      waits.addAll(decision.get().waits());
    }
    metrics.observe(decided, waits);
    return new Outcome(again, wakes.stream().min(Comparator.naturalOrder()));
  }

  private Optional<Decision> decide(
      Upgrade resource,
      UpgradeRequest request,
      JournalRead read,
      UpgradeSelector.Selection selection,
      ClusterSnapshot snapshot) {
    if (read instanceof JournalRead.Present present) {
      return Optional.of(decider.decide(request, present.journal(), snapshot));
    }
    if (read instanceof JournalRead.Unreadable unreadable) {
      return Optional.of(
          Decision.refused(request, new Refusal(Reason.JOURNAL_UNREADABLE, unreadable.message())));
    }
    if (selection.startable().filter(request::equals).isPresent()) {
      return Optional.of(decider.start(request, snapshot));
    }
    Refusal refusal = selection.refused().get(request.key());
    return refusal == null || isFinallyRefused(resource)
        ? Optional.empty()
        : Optional.of(Decision.refused(request, refusal));
  }

  private static UpgradeSelector.Selection select(
      Map<Upgrade, UpgradeRequest> upgrades, Map<String, JournalRead> reads) {
    Map<String, UpgradePhase> phases = new HashMap<>();
    List<UpgradeRequest> candidates = new ArrayList<>();
    for (Map.Entry<Upgrade, UpgradeRequest> e : upgrades.entrySet()) {
      JournalRead read = reads.get(e.getValue().key());
      if (read instanceof JournalRead.Unreadable) {
        // An unreadable journal may belong to a running upgrade: it keeps the slot.
        phases.put(e.getValue().key(), UpgradePhase.UPGRADING_NODES);
      }
      read.current().ifPresent(j -> phases.put(e.getValue().key(), j.upgrade().phase()));
      if (!isFinallyRefused(e.getKey())) {
        candidates.add(e.getValue());
      }
    }
    return UpgradeSelector.select(candidates, phases);
  }

  private static boolean isFinallyRefused(Upgrade resource) {
    return FINAL_REFUSALS.contains(Translate.completedReason(resource));
  }
}
