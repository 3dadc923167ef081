package io.hvst.controller.api;

import io.hvst.controller.ControllerRuntime;
import io.hvst.controller.api.assemble.DetailAssembler;
import io.hvst.controller.api.assemble.PlanAssembler;
import io.hvst.controller.api.assemble.SummaryAssembler;
import io.hvst.controller.api.assemble.UpgradeFacts;
import io.hvst.controller.api.dto.UpgradeDetail;
import io.hvst.controller.api.dto.UpgradePlan;
import io.hvst.controller.api.dto.UpgradeSummary;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.observe.Translate;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.Decision;
import io.hvst.statemachine.journal.Journal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers the API's questions from what this replica already holds: the informer caches, the
 * journal store (which reads the cache) and the pure decider. Nothing here calls the API server, so
 * the API works on every replica, leader or not, and costs the cluster nothing.
 */
@Component
public class UpgradeQueries {

  private final ControllerRuntime runtime;
  private final Clock clock;
  private final String namespace;
  private final PlanAssembler plans;

  public UpgradeQueries(ControllerRuntime runtime, Clock clock, ControllerProperties properties) {
    this.runtime = runtime;
    this.clock = clock;
    this.namespace = properties.kubernetes().namespace();
    this.plans = new PlanAssembler(runtime.policy());
  }

  public List<UpgradeSummary> list() {
    requireSynced();
    return runtime.caches().upgrades().stream()
        .map(this::facts)
        .sorted(Comparator.comparing((UpgradeFacts f) -> f.request().key()))
        .map(SummaryAssembler::summary)
        .toList();
  }

  public UpgradeDetail detail(String namespace, String name) {
    UpgradeFacts facts = facts(find(namespace, name));
    ClusterSnapshot snapshot = snapshot();
    Optional<Decision> decision =
        facts.journal().current().map(j -> runtime.decider().decide(facts.request(), j, snapshot));
    return DetailAssembler.detail(facts, decision, snapshot.observedAt());
  }

  public UpgradePlan plan(String namespace, String name) {
    UpgradeFacts facts = facts(find(namespace, name));
    Optional<Journal> journal = facts.journal().current();
    return plans.plan(facts.request(), journal, snapshot());
  }

  /**
   * A plan for an Upgrade to {@code version} that does not exist, in the controller's namespace.
   */
  public UpgradePlan preview(String version) {
    requireSynced();
    return plans.preview(namespace, version, snapshot());
  }

  private Upgrade find(String namespace, String name) {
    requireSynced();
    return runtime
        .caches()
        .upgrade(namespace, name)
        .orElseThrow(() -> new UpgradeNotFoundException(namespace, name));
  }

  private UpgradeFacts facts(Upgrade upgrade) {
    UpgradeRequest request = Translate.upgrade(upgrade);
    return new UpgradeFacts(upgrade, request, runtime.journals().read(request));
  }

  private ClusterSnapshot snapshot() {
    Instant now = clock.instant();
    return runtime.observer().snapshotAt(now);
  }

  private void requireSynced() {
    if (!runtime.caches().hasSynced()) {
      throw new CachesNotSyncedException();
    }
  }
}
