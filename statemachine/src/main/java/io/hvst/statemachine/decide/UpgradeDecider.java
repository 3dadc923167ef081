package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.steps.Undo;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradeEvent;
import io.hvst.statemachine.lifecycle.UpgradeLifecycle;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.plan.Admission;
import io.hvst.statemachine.plan.NodeOrder;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns (Upgrade, journal, snapshot) into the next journal and actions. Pure: no I/O, no clock
 * other than the snapshot's.
 */
public final class UpgradeDecider {

  private final UpgradePolicy policy;
  private final UpgradeValidator validator;
  private final UpgradeLifecycle lifecycle;
  private final NodeDecider nodes;

  public UpgradeDecider(UpgradePolicy policy, UpgradeLifecycle lifecycle, NodeDecider nodes) {
    this.policy = policy;
    this.validator = new UpgradeValidator(policy);
    this.lifecycle = lifecycle;
    this.nodes = nodes;
  }

  /** Decides for an Upgrade that may start: refuses it, or starts its journal. */
  public Decision start(UpgradeRequest upgrade, ClusterSnapshot snapshot) {
    Optional<Refusal> refusal = validator.validate(upgrade, snapshot);
    if (refusal.isPresent()) {
      return Decision.refused(upgrade, refusal.get());
    }
    return decide(upgrade, newJournal(upgrade, snapshot), snapshot);
  }

  /** Decides for an Upgrade that has a journal. */
  public Decision decide(UpgradeRequest upgrade, Journal journal, ClusterSnapshot snapshot) {
    Instant now = snapshot.observedAt();
    Journal next = journal;
    if (next.upgrade().phase() == UpgradePhase.FAILED) {
      Pass pass = new Pass(next);
      pass.cleanUpFailed(snapshot);
      pass.watchSettling(snapshot);
      for (String error : snapshot.schedulingPolicy().errors()) {
        pass.actions.add(
            new UpgradeAction.Wait(
                "", Reason.SCHEDULING_POLICY_INVALID, "hvst-scheduling-policy: " + error));
      }
      return new Decision(
          upgrade, Optional.of(pass.journal), pass.actions, Optional.empty(), Optional.empty());
    }
    if (next.upgrade().phase() == UpgradePhase.PENDING) {
      next = phase(next, UpgradeEvent.ACCEPTED, now);
    }
    if (next.upgrade().phase() == UpgradePhase.PREFLIGHT) {
      Optional<Decision> held = preflight(upgrade, next, snapshot);
      if (held.isPresent()) {
        return held.get();
      }
      next = withOrder(phase(next, UpgradeEvent.PREFLIGHT_PASSED, now), upgrade, snapshot);
    }
    if (next.upgrade().phase() != UpgradePhase.UPGRADING_NODES) {
      return new Decision(
          upgrade, Optional.of(next), List.of(), Optional.empty(), Optional.empty());
    }
    return upgradeNodes(upgrade, next, snapshot);
  }

  /**
   * Holds the upgrade in PREFLIGHT while Harvester's upgrade-repo VM is missing (it is created with
   * the Upgrade, so it may lag a little); fails the upgrade if it never appears.
   */
  private Optional<Decision> preflight(
      UpgradeRequest upgrade, Journal journal, ClusterSnapshot snapshot) {
    if (!policy.drain().requireRepoVm() || snapshot.repoVm(upgrade).isPresent()) {
      return Optional.empty();
    }
    Instant now = snapshot.observedAt();
    Instant deadline =
        journal
            .upgrade()
            .enteredAt(UpgradePhase.PREFLIGHT)
            .orElse(now)
            .plus(policy.timeouts().preDrain());
    String message =
        "Harvester's upgrade-repo VM harvester-system/upgrade-repo-"
            + upgrade.name()
            + " does not exist; nodes cannot be upgraded without it.";
    if (!now.isBefore(deadline)) {
      Journal failed = phase(journal, UpgradeEvent.NODE_FAILED, now);
      failed =
          failed.with(
              failed
                  .upgrade()
                  .withFailure(new Failure(Reason.REPO_VM_MISSING, message, null, now)));
      return Optional.of(
          new Decision(
              upgrade, Optional.of(failed), List.of(), Optional.empty(), Optional.empty()));
    }
    List<UpgradeAction> wait = List.of(new UpgradeAction.Wait("", Reason.REPO_VM_MISSING, message));
    return Optional.of(
        new Decision(upgrade, Optional.of(journal), wait, Optional.empty(), Optional.of(deadline)));
  }

  private Decision upgradeNodes(UpgradeRequest upgrade, Journal journal, ClusterSnapshot snapshot) {
    Pass pass = new Pass(journal);
    pass.advance(upgrade, snapshot, pass.journal.upgrade().order());
    pass.cleanUpFailed(snapshot);
    pass.watchSettling(snapshot);
    for (String error : snapshot.schedulingPolicy().errors()) {
      pass.actions.add(
          new UpgradeAction.Wait(
              "", Reason.SCHEDULING_POLICY_INVALID, "hvst-scheduling-policy: " + error));
    }
    boolean failed =
        pass.journal.nodeRecords().stream().anyMatch(r -> r.state() == NodeState.FAILED);
    if (!failed) {
      Admission.Result admission =
          Admission.decide(pass.journal, snapshot, policy.maxUnavailable());
      for (String name : admission.start()) {
        pass.journal =
            pass.journal.with(
                nodes.start(pass.journal.node(name).orElseThrow(), snapshot.observedAt()));
      }
      pass.advance(upgrade, snapshot, admission.start());
      admission.blocked().ifPresent(pass.actions::add);
    }
    Journal next = finishIfDone(pass.journal, snapshot.observedAt());
    if (next.upgrade().phase() == UpgradePhase.UPGRADING_NODES
        && next.nodeRecords().stream().allMatch(r -> r.state() == NodeState.SUCCEEDED)) {
      pass.actions.add(
          new UpgradeAction.Wait(
              "",
              Reason.SETTLING,
              "Every node is upgraded; watching restored nodes for drift before finishing."));
    }
    Optional<Instant> wake = pass.wakes.stream().min(Comparator.naturalOrder());
    return new Decision(upgrade, Optional.of(next), pass.actions, Optional.empty(), wake);
  }

  /** The journal, actions and wake-ups accumulated over one pass. */
  private final class Pass {
    private Journal journal;
    private final List<UpgradeAction> actions = new ArrayList<>();
    private final List<Instant> wakes = new ArrayList<>();

    Pass(Journal journal) {
      this.journal = journal;
    }

    void cleanUpFailed(ClusterSnapshot snapshot) {
      for (NodeRecord rec : journal.nodeRecords()) {
        if (rec.state() == NodeState.FAILED && !Undo.settled(rec)) {
          Cleanup.Outcome outcome = Cleanup.failedNode(rec, snapshot);
          journal = journal.with(outcome.record());
          actions.addAll(outcome.actions());
        }
      }
    }

    void watchSettling(ClusterSnapshot snapshot) {
      for (NodeRecord rec : journal.nodeRecords()) {
        if (SettleWatch.settling(rec, snapshot.observedAt())) {
          SettleWatch.Outcome outcome = SettleWatch.watch(rec, snapshot);
          journal = journal.with(outcome.record());
          actions.addAll(outcome.actions());
          wakes.add(rec.settleUntil());
        }
      }
    }

    void advance(UpgradeRequest upgrade, ClusterSnapshot snapshot, List<String> names) {
      for (String name : names) {
        NodeRecord rec = journal.node(name).orElseThrow();
        if (rec.state().isStep()) {
          NodeDecider.Outcome outcome = nodes.decide(upgrade, journal, rec, snapshot);
          journal = journal.with(outcome.record());
          actions.addAll(outcome.actions());
          outcome.wakeAt().ifPresent(wakes::add);
        }
      }
    }
  }

  private Journal finishIfDone(Journal journal, Instant now) {
    if (journal.nodeRecords().stream().allMatch(r -> r.state() == NodeState.SUCCEEDED)) {
      boolean settling = journal.nodeRecords().stream().anyMatch(r -> SettleWatch.settling(r, now));
      return settling ? journal : phase(journal, UpgradeEvent.ALL_NODES_UPGRADED, now);
    }
    boolean busy = journal.nodeRecords().stream().anyMatch(r -> r.state().isStep());
    Optional<NodeRecord> failed =
        journal.nodeRecords().stream().filter(r -> r.state() == NodeState.FAILED).findFirst();
    if (failed.isPresent() && !busy) {
      Failure cause = failed.get().failure();
      String message =
          "Node "
              + failed.get().name()
              + " failed"
              + (cause == null ? "." : " in " + cause.step() + ": " + cause.message());
      Journal stopped = phase(journal, UpgradeEvent.NODE_FAILED, now);
      return stopped.with(
          stopped.upgrade().withFailure(new Failure(Reason.NODE_FAILED, message, null, now)));
    }
    return journal;
  }

  private Journal phase(Journal journal, UpgradeEvent event, Instant now) {
    UpgradePhase from = journal.upgrade().phase();
    UpgradePhase to =
        lifecycle
            .fire(from, event)
            .orElseThrow(() -> new IllegalStateException(event + " is not legal in " + from));
    return journal.with(journal.upgrade().enter(to, now));
  }

  /** A new journal: no order yet; it is fixed once preflight passes (the repo VM's host known). */
  private Journal newJournal(UpgradeRequest upgrade, ClusterSnapshot snapshot) {
    UpgradeRecord record =
        new UpgradeRecord(
            UpgradeRecord.SCHEMA_VERSION,
            upgrade.uid(),
            UpgradePhase.PENDING,
            List.of(),
            upgrade.version().trim(),
            validator.previousVersion(snapshot),
            Map.of(UpgradePhase.PENDING, snapshot.observedAt()),
            null);
    return new Journal(record, new TreeMap<>());
  }

  /** Fixes the node order: management first, the repo VM's host last in its group. */
  private static Journal withOrder(
      Journal journal, UpgradeRequest upgrade, ClusterSnapshot snapshot) {
    Optional<String> repoHost = snapshot.repoVm(upgrade).map(VmView::nodeName);
    List<String> order = NodeOrder.of(snapshot.nodes().values(), repoHost);
    SortedMap<String, NodeRecord> records = new TreeMap<>();
    order.forEach(name -> records.put(name, NodeRecord.queued(name)));
    return new Journal(journal.upgrade().withOrder(order), records);
  }
}
