package io.hvst.simulator.bench;

import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.HarvesterStates;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cluster events the controller must react to, and when its first write acting on each was seen.
 * Both sides are seen through the same watches, so the watch delivery delay cancels out.
 *
 * <ul>
 *   <li>a migration Succeeded: answered by the journal recording it as Succeeded under its source
 *       node (the journal is the first thing a reconcile pass writes);
 *   <li>a node upgrade Job Complete: answered by the Upgrade status leaving "Pre-drained" for that
 *       node (Waiting Reboot or later), or the journal moving the node on;
 *   <li>a node Ready again with the target OS image: answered by the journal moving the node to
 *       POST_DRAIN.
 * </ul>
 */
final class ReactionLedger {

  /** What happened in the cluster. */
  enum Kind {
    MIGRATION_SUCCEEDED,
    JOB_COMPLETE,
    NODE_UPGRADED
  }

  private record Event(Kind kind, String node, String vm, long atNanos) {}

  private static final Set<String> PAST_JOB =
      Set.of(
          HarvesterStates.WAITING_REBOOT,
          HarvesterStates.POST_DRAINING,
          HarvesterStates.SUCCEEDED,
          HarvesterStates.FAILED);

  private final Map<String, Event> pending = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Map<Kind, List<Double>> latenciesMs = new EnumMap<>(Kind.class);
  private Journal journal;
  private Map<String, NodeUpgradeStatus> statuses = Map.of();
  private int reordered;

  synchronized void event(Kind kind, String node, String vm, long atNanos) {
    String key = kind + "/" + node + "/" + vm;
    if (!seen.add(key)) {
      return;
    }
    Event e = new Event(kind, node, vm, atNanos);
    if (answered(e)) {
      // The answer's watch event overtook the event's own: latency unknown, and tiny.
      reordered++;
      return;
    }
    pending.put(key, e);
  }

  synchronized void journalSeen(Journal written, long atNanos) {
    journal = written;
    settle(atNanos);
  }

  synchronized void statusSeen(Map<String, NodeUpgradeStatus> nodeStatuses, long atNanos) {
    statuses = Map.copyOf(nodeStatuses);
    settle(atNanos);
  }

  /** Latencies in ms by kind of event, events never answered, and answers seen first. */
  synchronized ReactionSummary summary() {
    Map<Kind, List<Double>> copy = new EnumMap<>(Kind.class);
    latenciesMs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return ReactionSummary.of(copy, pending.size(), reordered);
  }

  private void settle(long atNanos) {
    Iterator<Event> it = pending.values().iterator();
    while (it.hasNext()) {
      Event e = it.next();
      if (answered(e)) {
        double ms = Math.max(0, atNanos - e.atNanos()) / 1e6;
        latenciesMs.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(ms);
        it.remove();
      }
    }
  }

  private boolean answered(Event e) {
    return switch (e.kind()) {
      case MIGRATION_SUCCEEDED -> migrationRecorded(e.node(), e.vm());
      case NODE_UPGRADED -> nodeMovedOn(e.node());
      case JOB_COMPLETE -> nodeMovedOn(e.node()) || statusPastJob(e.node());
    };
  }

  private boolean migrationRecorded(String source, String vm) {
    return journal != null
        && journal
            .node(source)
            .map(
                rec ->
                    rec.migrations().stream()
                        .anyMatch(
                            m -> m.vm().equals(vm) && MigrationRecord.SUCCEEDED.equals(m.result())))
            .orElse(false);
  }

  private boolean nodeMovedOn(String node) {
    return journal != null
        && journal.node(node).flatMap(r -> r.enteredAt(NodeState.POST_DRAIN)).isPresent();
  }

  private boolean statusPastJob(String node) {
    NodeUpgradeStatus s = statuses.get(node);
    return s != null && PAST_JOB.contains(s.getState());
  }
}
