package io.hvst.simulator.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.controller.journal.JournalCodec;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.kube.ChangeHandlers;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.decide.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the cluster from the outside, with a client of its own ({@code hvst-bench}), and feeds
 * the {@link ReactionLedger}: migrations, upgrade Jobs and nodes on the cluster's side, the journal
 * and the Upgrade status on the controller's.
 */
final class ReactionProbe implements AutoCloseable {

  static final String USER_AGENT = "hvst-bench";

  private final KubernetesClient client;
  private final ReactionLedger ledger = new ReactionLedger();
  private final JournalCodec codec = new JournalCodec();
  private final String targetImage;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final AtomicLong leaseVersions = new AtomicLong();
  private final VersionCounts nodeVersions;
  private final VersionCounts upgradeVersionCounts;
  private final Map<String, Long> migrationSeen = new ConcurrentHashMap<>();
  private final List<Double> migrationMs = new CopyOnWriteArrayList<>();

  private ReactionProbe(String url, String targetImage) {
    this.client = SimulatedCluster.client(url, USER_AGENT);
    this.targetImage = targetImage;
    this.nodeVersions = new VersionCounts(client.getKubernetesSerialization());
    this.upgradeVersionCounts = new VersionCounts(client.getKubernetesSerialization());
  }

  /** Starts watching; returns once every watch has listed what is there. */
  static ReactionProbe start(String url, String upgrade, String lease, String targetImage) {
    ReactionProbe probe = new ReactionProbe(url, targetImage);
    probe.watch(upgrade, lease);
    return probe;
  }

  ReactionSummary summary() {
    return ledger.summary();
  }

  /** Each succeeded migration's life, from its object first seen to Succeeded seen, in ms. */
  List<Double> migrationMs() {
    return List.copyOf(migrationMs);
  }

  /** Versions of the leader-election Lease seen after the first: the controller's renewals. */
  long leaseRenewals() {
    return Math.max(0, leaseVersions.get() - 1);
  }

  /** New versions of nodes (anyone's writes), and those identical to the one before. */
  VersionCounts nodeVersions() {
    return nodeVersions;
  }

  /** New versions of the Upgrade, and those identical to the one before. */
  VersionCounts upgradeVersions() {
    return upgradeVersionCounts;
  }

  /** Versions of the Upgrade seen after the first: the controller's status writes, mostly. */
  long upgradeUpdates() {
    return upgradeVersionCounts.updates();
  }

  private void watch(String upgrade, String lease) {
    String ns = UpgradeSession.NAMESPACE;
    informers.add(
        client
            .resources(Lease.class)
            .inNamespace(ns)
            .withName(lease)
            .inform(ChangeHandlers.onChange(l -> leaseVersions.incrementAndGet())));
    informers.add(
        client
            .genericKubernetesResources(KubeVirt.MIGRATION)
            .inAnyNamespace()
            .inform(ChangeHandlers.onChange(this::migration)));
    informers.add(
        client.batch().v1().jobs().inAnyNamespace().inform(ChangeHandlers.onChange(this::job)));
    informers.add(
        client.nodes().inform(ChangeHandlers.onChange(this::node, nodeVersions::compare)));
    informers.add(
        client
            .configMaps()
            .inNamespace(ns)
            .withName(ResourceNames.journal(upgrade))
            .inform(ChangeHandlers.onChange(this::journal)));
    informers.add(
        client
            .resources(Upgrade.class)
            .inNamespace(ns)
            .withName(upgrade)
            .inform(ChangeHandlers.onChange(this::upgrade, upgradeVersionCounts::compare)));
  }

  private void migration(GenericKubernetesResource vmim) {
    long at = System.nanoTime();
    Json status = Json.of(vmim.get("status"));
    Long seen = migrationSeen.putIfAbsent(vmim.getMetadata().getUid(), at);
    if (!"Succeeded".equals(status.text("phase"))) {
      return;
    }
    if (seen != null && migrationSeen.remove(vmim.getMetadata().getUid(), seen)) {
      migrationMs.add((at - seen) / 1e6);
    }
    Map<String, String> labels = vmim.getMetadata().getLabels();
    String source =
        labels != null && labels.containsKey(ResourceNames.NODE_LABEL)
            ? labels.get(ResourceNames.NODE_LABEL)
            : status.at("migrationState").text("sourceNode");
    String vm = vmim.getMetadata().getNamespace() + "/" + Json.of(vmim.get("spec")).text("vmiName");
    ledger.event(ReactionLedger.Kind.MIGRATION_SUCCEEDED, source, vm, at);
  }

  private void job(Job job) {
    Map<String, String> labels = job.getMetadata().getLabels();
    if (labels == null
        || !"upgrade".equals(labels.get(ResourceNames.STEP_LABEL))
        || job.getStatus() == null) {
      return;
    }
    boolean complete =
        job.getStatus().getConditions().stream()
            .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
    if (complete) {
      String node = labels.get(ResourceNames.NODE_LABEL);
      ledger.event(ReactionLedger.Kind.JOB_COMPLETE, node, "", System.nanoTime());
    }
  }

  private void node(Node node) {
    if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) {
      return;
    }
    boolean ready =
        node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (ready && Objects.equals(targetImage, node.getStatus().getNodeInfo().getOsImage())) {
      ledger.event(
          ReactionLedger.Kind.NODE_UPGRADED, node.getMetadata().getName(), "", System.nanoTime());
    }
  }

  private void journal(ConfigMap cm) {
    long at = System.nanoTime();
    if (cm.getData() == null) {
      return;
    }
    try {
      ledger.journalSeen(codec.decode(cm.getData()), at);
    } catch (RuntimeException e) {
      // A journal we cannot read answers nothing; the controller reports it on the Upgrade.
    }
  }

  private void upgrade(Upgrade upgrade) {
    long at = System.nanoTime();
    if (upgrade.getStatus() != null && upgrade.getStatus().getNodeStatuses() != null) {
      ledger.statusSeen(upgrade.getStatus().getNodeStatuses(), at);
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    client.close();
  }
}
