package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.Blocker;
import io.hvst.controller.api.dto.NodeProgress;
import io.hvst.controller.api.dto.ReasonDto;
import io.hvst.controller.api.dto.RemainingTime;
import io.hvst.controller.api.dto.UpgradeDetail;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.Decision;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Upgrade in full. What each node waits for comes from a decision made on the current caches
 * (the decider is pure: deciding changes nothing); a wait counts only for a node that decision
 * leaves in the state the journal shows, since the loop is about to move any other.
 */
public final class DetailAssembler {

  private DetailAssembler() {}

  public static UpgradeDetail detail(UpgradeFacts facts, Optional<Decision> decision, Instant now) {
    Standing standing = Standing.of(facts);
    Optional<Journal> journal = standing.journal();
    Map<String, Wait> waits = journal.map(j -> currentWaits(j, decision)).orElse(Map.of());
    return new UpgradeDetail(
        facts.request().namespace(),
        facts.request().name(),
        standing.phase(),
        ResourceStatus.harvesterState(facts.resource()),
        journal.map(j -> j.upgrade().targetVersion()).orElse(facts.request().version()),
        previousVersion(facts, journal),
        standing.startedAt().orElse(null),
        standing.finishedAt().orElse(null),
        standing.reason().orElse(null),
        journal.map(j -> nodes(facts.request().name(), j, waits, now)).orElse(List.of()),
        journal.map(j -> blocked(j, waits, decision)).orElse(List.of()),
        ResourceStatus.conditions(facts.resource()),
        journal
            .map(j -> RemainingTimeEstimator.estimate(j, now))
            .orElse(new RemainingTime(null, null, 0, 0)),
        now);
  }

  private static List<NodeProgress> nodes(
      String upgrade, Journal journal, Map<String, Wait> waits, Instant now) {
    List<NodeProgress> nodes = new ArrayList<>();
    List<String> order = journal.upgrade().order();
    for (int i = 0; i < order.size(); i++) {
      String name = order.get(i);
      NodeRecord rec = journal.node(name).orElseThrow();
      nodes.add(
          NodeProgressAssembler.node(
              upgrade, i + 1, rec, Optional.ofNullable(waits.get(name)), now));
    }
    return nodes;
  }

  /** Node waits of the decision, for nodes it leaves where the journal has them. */
  static Map<String, Wait> currentWaits(Journal journal, Optional<Decision> decision) {
    Map<String, Wait> waits = new LinkedHashMap<>();
    Optional<Journal> decided = decision.flatMap(Decision::journal);
    for (Wait wait : decision.map(Decision::waits).orElse(List.of())) {
      if (wait.node().isEmpty() || waits.containsKey(wait.node())) {
        continue;
      }
      Optional<NodeRecord> stored = journal.node(wait.node());
      Optional<NodeRecord> next = decided.flatMap(j -> j.node(wait.node()));
      if (stored.isPresent() && stored.map(NodeRecord::state).equals(next.map(NodeRecord::state))) {
        waits.put(wait.node(), wait);
      }
    }
    return waits;
  }

  static List<Blocker> blocked(
      Journal journal, Map<String, Wait> nodeWaits, Optional<Decision> decision) {
    List<Blocker> blocked = new ArrayList<>();
    if (journal.upgrade().phase() == UpgradePhase.PAUSED) {
      blocked.add(new Blocker(null, ReasonDto.of(Reason.PAUSED_BY_USER, null)));
    }
    decision.map(Decision::waits).orElse(List.of()).stream()
        .filter(w -> w.node().isEmpty() && isBlock(w))
        .forEach(w -> blocked.add(new Blocker(null, ReasonDto.of(w.reason(), w.detail()))));
    nodeWaits.values().stream()
        .filter(DetailAssembler::isBlock)
        .forEach(w -> blocked.add(new Blocker(w.node(), ReasonDto.of(w.reason(), w.detail()))));
    return blocked;
  }

  private static boolean isBlock(Wait wait) {
    return wait.reason().kind() == Reason.Kind.BLOCKED;
  }

  private static String previousVersion(UpgradeFacts facts, Optional<Journal> journal) {
    String previous =
        journal
            .map(j -> j.upgrade().previousVersion())
            .orElseGet(
                () ->
                    facts.resource().getStatus() == null
                        ? null
                        : facts.resource().getStatus().getPreviousVersion());
    return previous == null || previous.isBlank() ? null : previous;
  }
}
