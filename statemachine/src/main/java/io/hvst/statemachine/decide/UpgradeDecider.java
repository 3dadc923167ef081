package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradeEvent;
import io.hvst.statemachine.lifecycle.UpgradeLifecycle;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.plan.NodeOrder;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns (Upgrade, journal, snapshot) into the next journal and actions. Pure: no I/O, no clock
 * other than the snapshot's. Routes by phase; the node work of a pass is {@link NodesPass}, the
 * undo after an abort {@link AbortPass}.
 */
public final class UpgradeDecider {

  private final UpgradePolicy policy;
  private final UpgradeValidator validator;
  private final Phases phases;
  private final NodeDecider nodes;

  public UpgradeDecider(UpgradePolicy policy, UpgradeLifecycle lifecycle, NodeDecider nodes) {
    this.policy = policy;
    this.validator = new UpgradeValidator(policy);
    this.phases = new Phases(lifecycle);
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
    Controls controls = Controls.of(upgrade);
    Instant now = snapshot.observedAt();
    Journal next = journal;
    if (controls.abort() && phases.allows(next, UpgradeEvent.ABORT)) {
      next =
          phases.fail(
              next, UpgradeEvent.ABORT, Reason.ABORTED_BY_USER, AbortPass.summary(next), now);
    }
    UpgradePhase phase = next.upgrade().phase();
    if (phase == UpgradePhase.ABORTED) {
      return AbortPass.undo(unchanged(upgrade, next), snapshot);
    }
    if (phase == UpgradePhase.SUCCEEDED) {
      // Still named: the next upgrade will ignore these entries too.
      NodesPass pass = new NodesPass(next, nodes, upgrade, snapshot, controls);
      pass.reportPolicyErrors();
      return pass.decision();
    }
    if (phase == UpgradePhase.FAILED) {
      return failed(upgrade, next, snapshot, controls);
    }
    if (next.upgrade().phase() == UpgradePhase.PENDING) {
      next = phases.fire(next, UpgradeEvent.ACCEPTED, now);
    }
    if (next.upgrade().phase() == UpgradePhase.PREFLIGHT) {
      Optional<Decision> held = Preflight.hold(upgrade, next, snapshot, policy, phases);
      if (held.isPresent()) {
        return held.get();
      }
      next = withOrder(phases.fire(next, UpgradeEvent.PREFLIGHT_PASSED, now), upgrade, snapshot);
    }
    return runNodes(upgrade, next, snapshot, controls);
  }

  /** A failed upgrade: retried if asked, else only cleaned up (quotas, stopped VMs) and watched. */
  private Decision failed(
      UpgradeRequest upgrade, Journal journal, ClusterSnapshot snapshot, Controls controls) {
    Optional<Journal> retried =
        Retry.apply(journal, controls, nodes, phases, snapshot.observedAt());
    if (retried.isPresent()) {
      return runNodes(upgrade, retried.get(), snapshot, controls).withAction(Retry.consumed());
    }
    NodesPass pass = new NodesPass(journal, nodes, upgrade, snapshot, controls);
    pass.cleanUpFailed();
    pass.watchSettling();
    pass.reportPolicyErrors();
    pass.reportControlErrors();
    Retry.misaddressed(journal, controls).ifPresent(pass.actions::add);
    return pass.decision();
  }

  private Decision runNodes(
      UpgradeRequest upgrade, Journal journal, ClusterSnapshot snapshot, Controls controls) {
    Instant now = snapshot.observedAt();
    NodesPass pass = new NodesPass(journal, nodes, upgrade, snapshot, controls);
    UpgradePhase phase = journal.upgrade().phase();
    if (phase == UpgradePhase.UPGRADING_NODES && controls.pause()) {
      pass.journal = phases.fire(pass.journal, UpgradeEvent.PAUSE, now);
    } else if (phase == UpgradePhase.PAUSED && !controls.pause()) {
      pass.journal = phases.fire(pass.journal, UpgradeEvent.RESUME, now);
    }
    boolean paused = pass.journal.upgrade().phase() == UpgradePhase.PAUSED;
    pass.pauseAndResume(paused);
    pass.advance(pass.journal.upgrade().order());
    pass.cleanUpFailed();
    pass.watchSettling();
    if (!paused && !pass.anyFailed()) {
      pass.admit(policy.maxUnavailable());
    }
    pass.journal = finishIfDone(pass.journal, now);
    pass.reportPolicyErrors();
    pass.reportControlErrors();
    if (paused) {
      pass.actions.add(
          new UpgradeAction.Wait(
              "",
              Reason.PAUSED_BY_USER,
              "Paused by " + Controls.PAUSE + "; nodes stop after their current step."));
    } else if (pass.journal.upgrade().phase() == UpgradePhase.UPGRADING_NODES
        && pass.journal.nodeRecords().stream().allMatch(r -> r.state() == NodeState.SUCCEEDED)) {
      pass.actions.add(
          new UpgradeAction.Wait(
              "",
              Reason.SETTLING,
              "Every node is upgraded; watching restored nodes for drift before finishing."));
    }
    return pass.decision();
  }

  private Journal finishIfDone(Journal journal, Instant now) {
    boolean allSucceeded =
        journal.nodeRecords().stream().allMatch(r -> r.state() == NodeState.SUCCEEDED);
    if (allSucceeded && phases.allows(journal, UpgradeEvent.ALL_NODES_UPGRADED)) {
      boolean settling = journal.nodeRecords().stream().anyMatch(r -> SettleWatch.settling(r, now));
      return settling ? journal : phases.fire(journal, UpgradeEvent.ALL_NODES_UPGRADED, now);
    }
    boolean busy = journal.nodeRecords().stream().anyMatch(r -> r.state().isStep());
    Optional<NodeRecord> failed =
        journal.nodeRecords().stream().filter(r -> r.state() == NodeState.FAILED).findFirst();
    if (failed.isPresent() && !busy && phases.allows(journal, UpgradeEvent.NODE_FAILED)) {
      NodeRecord f = failed.get();
      String message =
          "Node "
              + f.name()
              + " failed"
              + (f.failure() == null
                  ? "."
                  : " in " + f.failure().step() + ": " + f.failure().message())
              + " Retry it with the annotation "
              + Controls.RETRY
              + "="
              + f.name()
              + ".";
      return phases.fail(journal, UpgradeEvent.NODE_FAILED, Reason.NODE_FAILED, message, now);
    }
    return journal;
  }

  private static Decision unchanged(UpgradeRequest upgrade, Journal journal) {
    return new Decision(
        upgrade, Optional.of(journal), List.of(), Optional.empty(), Optional.empty());
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
