package io.hvst.controller.observe;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.controller.kube.Upgrade;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.PodView;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.VirtualMachineView;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Shared informers over everything the controller decides on. Every replica runs them (the REST API
 * reads them too); only the leader acts. A change that matters triggers a reconcile.
 */
public final class ClusterCaches implements AutoCloseable {

  private final KubernetesClient client;
  private final String policyNamespace;
  private final String policyName;
  private final List<Watched<?, ?>> all = new ArrayList<>();
  private Watched<Upgrade, Upgrade> upgrades;
  private Watched<Node, NodeView> nodes;
  private Watched<Job, JobView> jobs;
  private Watched<ConfigMap, String> journals;
  private Watched<GenericKubernetesResource, VmView> vmis;
  private Watched<GenericKubernetesResource, MigrationView> migrations;
  private Watched<GenericKubernetesResource, VirtualMachineView> vms;
  private Watched<Pod, PodView> pods;
  private Watched<ResourceQuota, QuotaView> quotas;
  private volatile boolean synced;

  private Watched<ConfigMap, SchedulingPolicy> schedulingPolicy;

  /** {@code policyNamespace}/{@code policyName}: the scheduling policy ConfigMap. */
  public ClusterCaches(KubernetesClient client, String policyNamespace, String policyName) {
    this.client = client;
    this.policyNamespace = policyNamespace;
    this.policyName = policyName;
  }

  /** Starts every informer and waits until each has listed once. */
  public void start(Runnable onChange, Duration timeout) {
    String managedBy = ResourceNames.MANAGED_BY;
    String label = ResourceNames.MANAGED_BY_LABEL;
    upgrades =
        watch(
            client.resources(Upgrade.class).inAnyNamespace().runnableInformer(0), u -> u, onChange);
    nodes = watch(client.nodes().runnableInformer(0), Translate::node, onChange);
    jobs =
        watch(
            client
                .batch()
                .v1()
                .jobs()
                .inAnyNamespace()
                .withLabel(label, managedBy)
                .runnableInformer(0),
            Translate::job,
            onChange);
    journals =
        watch(
            client.configMaps().inAnyNamespace().withLabel(label, managedBy).runnableInformer(0),
            cm -> cm.getMetadata().getResourceVersion(),
            onChange);
    vmis =
        watch(
            client.genericKubernetesResources(KubeVirt.VMI).inAnyNamespace().runnableInformer(0),
            KubeVirtTranslate::vmi,
            onChange);
    migrations =
        watch(
            client
                .genericKubernetesResources(KubeVirt.MIGRATION)
                .inAnyNamespace()
                .runnableInformer(0),
            KubeVirtTranslate::migration,
            onChange);
    vms =
        watch(
            client.genericKubernetesResources(KubeVirt.VM).inAnyNamespace().runnableInformer(0),
            KubeVirtTranslate::virtualMachine,
            onChange);
    pods = watch(client.pods().inAnyNamespace().runnableInformer(0), CoreTranslate::pod, onChange);
    quotas =
        watch(
            client.resourceQuotas().inAnyNamespace().runnableInformer(0),
            CoreTranslate::quota,
            onChange);
    schedulingPolicy =
        watch(
            client
                .configMaps()
                .inNamespace(policyNamespace)
                .withName(policyName)
                .runnableInformer(0),
            SchedulingPolicyParser::parse,
            onChange);
    awaitSync(timeout);
  }

  /** True from the end of {@link #start} (every informer listed once) until {@link #close}. */
  public boolean hasSynced() {
    return synced;
  }

  public List<Upgrade> upgrades() {
    return upgrades.objects();
  }

  public Optional<Upgrade> upgrade(String namespace, String name) {
    return upgrades.get(namespace, name);
  }

  public Optional<ConfigMap> journal(String namespace, String name) {
    return journals.get(namespace, name);
  }

  public List<NodeView> nodeViews() {
    return nodes.views();
  }

  public List<JobView> jobViews() {
    return jobs.views();
  }

  public List<VmView> vmViews() {
    return vmis.views();
  }

  public List<MigrationView> migrationViews() {
    return migrations.views();
  }

  public List<VirtualMachineView> virtualMachineViews() {
    return vms.views();
  }

  public List<PodView> podViews() {
    return pods.views();
  }

  /** The operator's scheduling policy; empty when the ConfigMap does not exist. */
  public SchedulingPolicy schedulingPolicy() {
    return schedulingPolicy.views().stream().findFirst().orElse(SchedulingPolicy.NONE);
  }

  public List<QuotaView> quotaViews() {
    return quotas.views();
  }

  /** The cached resourceVersion of an object the controller wrote, for read-your-writes. */
  public Optional<String> resourceVersion(WriteExpectations.Key key) {
    Optional<? extends HasMetadata> found =
        switch (key.kind()) {
          case "Node" -> nodes.get("", key.name());
          case "Upgrade" -> upgrades.get(key.namespace(), key.name());
          case "Job" -> jobs.get(key.namespace(), key.name());
          case "VirtualMachineInstanceMigration" -> migrations.get(key.namespace(), key.name());
          case "VirtualMachine" -> vms.get(key.namespace(), key.name());
          case "ResourceQuota" -> quotas.get(key.namespace(), key.name());
          default -> Optional.empty();
        };
    return found.map(o -> o.getMetadata().getResourceVersion());
  }

  @Override
  public void close() {
    synced = false;
    all.forEach(w -> w.informer().close());
    all.clear();
  }

  private <T extends HasMetadata, V> Watched<T, V> watch(
      SharedIndexInformer<T> informer, Function<T, V> translate, Runnable onChange) {
    Watched<T, V> watched = new Watched<>(informer, translate, onChange);
    all.add(watched);
    return watched;
  }

  private void awaitSync(Duration timeout) {
    CompletableFuture<?>[] started =
        all.stream()
            .map(w -> w.informer().start().toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(started).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      synced = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the caches synced", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the informer caches did not sync within " + timeout, e);
    }
  }
}
