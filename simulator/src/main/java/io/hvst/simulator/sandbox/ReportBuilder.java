package io.hvst.simulator.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.controller.observe.SchedulingPolicyParser;
import io.hvst.controller.observe.Translate;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.Workloads;
import io.hvst.simulator.observe.VmInventory;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.SchedulingState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.plan.DesiredScheduling;
import io.hvst.statemachine.status.StepDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Builds the report from what the cluster shows at the end, not from what the controller says. */
public final class ReportBuilder {

  private static final String CONTROLLER_AGENT = ControllerProperties.DEFAULT_USER_AGENT;

  private ReportBuilder() {}

  public static SandboxReport build(
      UpgradeSession session, String upgradeName, String scenario, long seed) {
    SimulatedCluster cluster = session.cluster();
    Upgrade upgrade = session.upgrade(upgradeName);
    Optional<Journal> journal = session.journal(upgradeName);
    Instant now = cluster.clock().instant();
    String state = UpgradeSession.state(upgrade);
    String result =
        "Succeeded".equals(state) ? "Succeeded" : "Aborted".equals(state) ? "Aborted" : "Failed";
    return new SandboxReport(
        result,
        upgradeInfo(upgrade, journal),
        journal.map(j -> nodes(j, now)).orElse(List.of()),
        vms(cluster),
        scheduling(cluster, journal),
        new SandboxReport.ApiInfo(
            cluster.requests().total(CONTROLLER_AGENT),
            cluster.requests().byVerb(CONTROLLER_AGENT)),
        scenario,
        seed,
        cluster.inventory().repeatedSideEffects().stream().map(Object::toString).toList(),
        session.restarts());
  }

  private static SandboxReport.UpgradeInfo upgradeInfo(Upgrade upgrade, Optional<Journal> journal) {
    String phase = journal.map(j -> j.upgrade().phase().name()).orElse("REFUSED");
    long duration =
        journal
            .flatMap(
                j ->
                    j.upgrade()
                        .enteredAt(UpgradePhase.PENDING)
                        .flatMap(
                            start ->
                                j.upgrade()
                                    .enteredAt(j.upgrade().phase())
                                    .map(end -> Duration.between(start, end))))
            .map(Duration::toMillis)
            .orElse(0L);
    Optional<UpgradeCondition> completed = completed(upgrade);
    return new SandboxReport.UpgradeInfo(
        upgrade.getMetadata().getNamespace(),
        upgrade.getMetadata().getName(),
        phase,
        duration,
        completed.map(c -> Objects.toString(c.getReason(), "")).orElse(""),
        completed.map(c -> Objects.toString(c.getMessage(), "")).orElse(""));
  }

  private static Optional<UpgradeCondition> completed(Upgrade upgrade) {
    if (upgrade.getStatus() == null || upgrade.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return upgrade.getStatus().getConditions().stream()
        .filter(c -> "Completed".equals(c.getType()))
        .findFirst();
  }

  private static List<SandboxReport.NodeInfo> nodes(Journal journal, Instant now) {
    List<SandboxReport.NodeInfo> nodes = new ArrayList<>();
    for (String name : journal.upgrade().order()) {
      NodeRecord rec = journal.node(name).orElseThrow();
      Map<String, Long> steps = new LinkedHashMap<>();
      StepDurations.of(rec, now).forEach((s, d) -> steps.put(s.name(), d.toMillis()));
      String reason = rec.failureInfo().map(f -> f.reason().code()).orElse("");
      String message = rec.failureInfo().map(f -> f.message()).orElse("");
      nodes.add(new SandboxReport.NodeInfo(name, rec.state().name(), reason, steps, message));
    }
    return nodes;
  }

  private static SandboxReport.VmInfo vms(SimulatedCluster cluster) {
    VmInventory inventory = cluster.inventory();
    List<String> lost = List.copyOf(inventory.lostVms());
    return new SandboxReport.VmInfo(
        inventory.totalVms(),
        inventory.migrationsSucceeded(),
        inventory.vmsStopped(),
        lost.size(),
        inventory.migrationsFailed(),
        inventory.vmsStarted(),
        lost);
  }

  private static SandboxReport.SchedulingInfo scheduling(
      SimulatedCluster cluster, Optional<Journal> journal) {
    int persisted = 0;
    int reapplied = 0;
    int drift = 0;
    int lost = 0;
    if (journal.isPresent()) {
      SchedulingPolicy policy = policy(cluster);
      for (NodeRecord rec : journal.get().nodeRecords()) {
        reapplied += rec.reapplied();
        drift += rec.driftCount();
        Optional<SchedulingState> saved = rec.savedScheduling();
        if (saved.isEmpty()) {
          continue;
        }
        Node node = cluster.client().nodes().withName(rec.name()).get();
        NodeView now = node == null ? null : Translate.node(node);
        persisted += saved.get().labels().size() + saved.get().taints().size();
        lost += missing(saved.get(), now, policy);
      }
    }
    return new SandboxReport.SchedulingInfo(persisted, reapplied, drift, lost);
  }

  private static int missing(SchedulingState saved, NodeView now, SchedulingPolicy policy) {
    if (now == null) {
      return saved.labels().size() + saved.taints().size();
    }
    return DesiredScheduling.lost(saved, now, policy);
  }

  /** The operator's scheduling policy as the controller reads it; none without the ConfigMap. */
  private static SchedulingPolicy policy(SimulatedCluster cluster) {
    ConfigMap cm =
        cluster
            .client()
            .configMaps()
            .inNamespace(Workloads.POLICY_NAMESPACE)
            .withName(Workloads.POLICY_CONFIG_MAP)
            .get();
    return cm == null ? SchedulingPolicy.NONE : SchedulingPolicyParser.parse(cm);
  }
}
