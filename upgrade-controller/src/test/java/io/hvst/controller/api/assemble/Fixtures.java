package io.hvst.controller.api.assemble;

import io.hvst.controller.journal.JournalRead;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.controller.kube.UpgradeSpec;
import io.hvst.controller.kube.UpgradeStatus;
import io.hvst.controller.observe.Translate;
import io.hvst.statemachine.cluster.NodeRole;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.policy.DrainPolicy;
import io.hvst.statemachine.policy.JobTemplate;
import io.hvst.statemachine.policy.SchedulingGuard;
import io.hvst.statemachine.policy.StepTimeouts;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Journals, node records, Upgrade resources and nodes for the assembler tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final String UID = "uid-1";
  static final Duration HOUR = Duration.ofHours(1);

  private Fixtures() {}

  static UpgradePolicy policy() {
    return new UpgradePolicy(
        1,
        "Harvester {version}",
        "",
        new JobTemplate("img", List.of("upgrade"), List.of(), 2),
        new StepTimeouts(HOUR, HOUR, HOUR, HOUR, HOUR, HOUR),
        DrainPolicy.defaults(),
        SchedulingGuard.defaults());
  }

  /** A node that entered each of {@code states} in turn, {@code each} apart, from {@code start}. */
  static NodeRecord walked(String name, Instant start, Duration each, NodeState... states) {
    NodeRecord rec = NodeRecord.queued(name);
    Instant at = start;
    for (NodeState state : states) {
      rec = rec.enter(state, at);
      at = at.plus(each);
    }
    return rec;
  }

  /** A node that walked every step, {@code each} per step, and succeeded: total 6 x each. */
  static NodeRecord succeeded(String name, Instant start, Duration each) {
    NodeState[] all = Arrays.copyOf(NodeState.STEPS.toArray(new NodeState[0]), 7);
    all[6] = NodeState.SUCCEEDED;
    return walked(name, start, each, all);
  }

  static Journal journal(UpgradePhase phase, List<String> order, NodeRecord... nodes) {
    Map<UpgradePhase, Instant> entered = new EnumMap<>(UpgradePhase.class);
    entered.put(UpgradePhase.PENDING, T0);
    entered.put(phase, T0.plusSeconds(1));
    UpgradeRecord upgrade =
        new UpgradeRecord(
            UpgradeRecord.SCHEMA_VERSION, UID, phase, order, "v1.5.0", "v1.4.2", entered, null);
    TreeMap<String, NodeRecord> records = new TreeMap<>();
    for (NodeRecord n : nodes) {
      records.put(n.name(), n);
    }
    return new Journal(upgrade, records);
  }

  static Upgrade upgrade(String name, UpgradeCondition... conditions) {
    Upgrade u = new Upgrade();
    u.getMetadata().setNamespace("harvester-system");
    u.getMetadata().setName(name);
    u.getMetadata().setUid(UID);
    u.getMetadata().setLabels(Map.of(Upgrade.STATE_LABEL, "UpgradingNodes"));
    UpgradeSpec spec = new UpgradeSpec();
    spec.setVersion("v1.5.0");
    u.setSpec(spec);
    UpgradeStatus status = new UpgradeStatus();
    status.setConditions(List.of(conditions));
    u.setStatus(status);
    return u;
  }

  static UpgradeFacts facts(Upgrade upgrade, JournalRead read) {
    return new UpgradeFacts(upgrade, Translate.upgrade(upgrade), read);
  }

  static UpgradeFacts facts(Journal journal) {
    return facts(upgrade("hvst-upgrade"), new JournalRead.Present(journal, "7"));
  }

  /** What KubeVirt's node labeller puts on a schedulable Intel node. */
  static final Map<String, String> KUBEVIRT_LABELS =
      Map.of(
          "kubevirt.io/schedulable", "true",
          "cpu-vendor.node.kubevirt.io/Intel", "true",
          "host-model-cpu.node.kubevirt.io/Skylake-Server", "true",
          "cpu-model-migration.node.kubevirt.io/Skylake-Server", "true");

  static NodeView node(String name, boolean management, boolean ready, String version) {
    Map<String, String> labels = new java.util.HashMap<>(KUBEVIRT_LABELS);
    if (management) {
      labels.put(NodeRole.CONTROL_PLANE.label(), "true");
      labels.put(NodeRole.ETCD.label(), "true");
    }
    return new NodeView(
        name,
        ready,
        false,
        NodeRole.fromLabels(labels),
        labels,
        List.of(),
        "Harvester " + version,
        new Resources(16_000, 64L << 30));
  }
}
