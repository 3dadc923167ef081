package io.hvst.controller.record;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.hvst.controller.kube.EventAdapter;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.Refusal;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.Transition;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people what happened: a log line and a Kubernetes Event (on the Upgrade, and on the node
 * for node steps) for every step started, completed, blocked or failed, and for every Upgrade
 * refused.
 */
public final class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String NODE_EVENT_NAMESPACE = "default";

  private final EventAdapter events;
  private final Map<String, Set<String>> told = new ConcurrentHashMap<>();
  private final Map<String, Refusal> lastRefusal = new ConcurrentHashMap<>();

  public EventRecorder(EventAdapter events) {
    this.events = events;
  }

  public void transitions(UpgradeRequest upgrade, List<Transition> changes) {
    for (Transition t : changes) {
      if (t.isUpgradeWide()) {
        phaseChanged(upgrade, t);
      } else {
        nodeChanged(upgrade, t);
      }
    }
  }

  /**
   * Emits a Warning event when a node (or the upgrade) becomes blocked, or an input starts to be
   * ignored; not on every pass that repeats it. A block is told once per reason, however its detail
   * changes; each ignored input is told once.
   */
  public void blocks(UpgradeRequest upgrade, List<Wait> waits) {
    Set<String> before = told.getOrDefault(upgrade.key(), Set.of());
    Set<String> now = new HashSet<>();
    for (Wait w : waits) {
      Optional<String> key = worthTelling(w);
      if (key.isPresent() && now.add(key.get()) && !before.contains(key.get())) {
        tell(upgrade, w);
      }
    }
    told.put(upgrade.key(), now);
  }

  private static Optional<String> worthTelling(Wait w) {
    return switch (w.reason().kind()) {
      case BLOCKED -> Optional.of(w.node() + "|" + w.reason());
      case WARNING -> Optional.of(w.node() + "|" + w.reason() + "|" + w.detail());
      case PROGRESS, FAILURE -> Optional.empty();
    };
  }

  private void tell(UpgradeRequest upgrade, Wait w) {
    if (w.reason().kind() == Reason.Kind.WARNING) {
      LOG.warn(
          "Upgrade {} ignores an input it cannot read ({}): {}",
          upgrade.key(),
          w.reason().code(),
          w.detail());
    } else if (w.node().isEmpty()) {
      LOG.warn("Upgrade {} is blocked ({}): {}", upgrade.key(), w.reason().code(), w.detail());
    } else {
      LOG.warn("Node {} is blocked ({}): {}", w.node(), w.reason().code(), w.detail());
    }
    emit(upgrade, w.node(), true, w.reason(), w.detail());
  }

  /**
   * Says why an Upgrade is refused (a bad spec, an unreadable journal, another one running): once
   * when the refusal starts or changes, not on every pass that repeats it. Empty: not refused.
   */
  public void refusal(UpgradeRequest upgrade, Optional<Refusal> refusal) {
    String key = upgrade.key() + "/" + upgrade.uid();
    if (refusal.isEmpty()) {
      lastRefusal.remove(key);
      return;
    }
    Refusal r = refusal.get();
    if (r.equals(lastRefusal.put(key, r))) {
      return;
    }
    LOG.warn("Upgrade {} refused ({}): {}", upgrade.key(), r.reason().code(), r.message());
    events.record(upgradeRef(upgrade), upgrade.namespace(), true, r.reason().code(), r.message());
  }

  private void phaseChanged(UpgradeRequest upgrade, Transition t) {
    boolean failed = t.failure().isPresent();
    String message =
        t.failure()
            .map(Failure::message)
            .orElse("Upgrade " + upgrade.key() + " is now " + t.to() + ".");
    Reason reason = t.failure().map(Failure::reason).orElse(Reason.UPGRADE_IN_PROGRESS);
    if (failed) {
      LOG.warn("Upgrade {} {} -> {}: {}", upgrade.key(), t.from(), t.to(), message);
    } else {
      LOG.info("Upgrade {} {} -> {}", upgrade.key(), t.from(), t.to());
    }
    events.record(upgradeRef(upgrade), upgrade.namespace(), failed, reason.code(), message);
  }

  private void nodeChanged(UpgradeRequest upgrade, Transition t) {
    NodeState to = NodeState.valueOf(t.to());
    if (to == NodeState.FAILED) {
      Failure f = t.failure().orElseThrow();
      LOG.warn("Node {} failed in {}: {}", t.node(), f.step(), f.message());
      emit(
          upgrade,
          t.node(),
          true,
          f.reason(),
          "Node " + t.node() + " failed in " + f.step() + ": " + f.message());
      return;
    }
    if (!t.from().isEmpty() && NodeState.valueOf(t.from()).isStep()) {
      LOG.info("Node {} completed {}", t.node(), t.from());
      emit(
          upgrade,
          t.node(),
          false,
          Reason.STEP_COMPLETED,
          "Node " + t.node() + " completed " + t.from() + ".");
    }
    if (to.isStep() || to == NodeState.SUCCEEDED || to == NodeState.PAUSED) {
      LOG.info("Node {} entered {}", t.node(), to);
      emit(
          upgrade,
          t.node(),
          false,
          Reason.STEP_STARTED,
          "Node " + t.node() + " entered " + to + ".");
    }
  }

  private void emit(
      UpgradeRequest upgrade, String node, boolean warning, Reason reason, String message) {
    events.record(upgradeRef(upgrade), upgrade.namespace(), warning, reason.code(), message);
    if (!node.isEmpty()) {
      events.record(
          EventAdapter.nodeRef(node), NODE_EVENT_NAMESPACE, warning, reason.code(), message);
    }
  }

  private static ObjectReference upgradeRef(UpgradeRequest upgrade) {
    return EventAdapter.upgradeRef(upgrade.namespace(), upgrade.name(), upgrade.uid());
  }
}
