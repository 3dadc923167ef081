package io.hvst.controller.observe;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.hvst.controller.kube.Upgrade;
import io.hvst.statemachine.decide.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;

/**
 * Shared informers over everything the controller decides on. Every replica runs them (the REST API
 * reads them too); only the leader acts. A change that matters triggers a reconcile.
 */
public final class ClusterCaches implements AutoCloseable {

  private final KubernetesClient client;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<Upgrade> upgrades;
  private SharedIndexInformer<Node> nodes;
  private SharedIndexInformer<Job> jobs;
  private SharedIndexInformer<ConfigMap> journals;
  private SharedIndexInformer<GenericKubernetesResource> vmis;

  public ClusterCaches(KubernetesClient client) {
    this.client = client;
  }

  /** Starts every informer and waits until each has listed once. */
  public void start(Runnable onChange, Duration timeout) {
    upgrades =
        add(
            client.resources(Upgrade.class).inAnyNamespace().runnableInformer(0),
            onChange,
            ClusterCaches::changed);
    nodes = add(client.nodes().runnableInformer(0), onChange, ClusterCaches::nodeChanged);
    jobs =
        add(
            client
                .batch()
                .v1()
                .jobs()
                .inAnyNamespace()
                .withLabel(ResourceNames.MANAGED_BY_LABEL, ResourceNames.MANAGED_BY)
                .runnableInformer(0),
            onChange,
            ClusterCaches::changed);
    journals =
        add(
            client
                .configMaps()
                .inAnyNamespace()
                .withLabel(ResourceNames.MANAGED_BY_LABEL, ResourceNames.MANAGED_BY)
                .runnableInformer(0),
            onChange,
            ClusterCaches::changed);
    vmis =
        add(
            client.genericKubernetesResources(KubeVirt.VMI).inAnyNamespace().runnableInformer(0),
            onChange,
            ClusterCaches::changed);
    awaitSync(timeout);
  }

  public List<Upgrade> upgrades() {
    return upgrades.getStore().list();
  }

  public List<Node> nodes() {
    return nodes.getStore().list();
  }

  public List<Job> jobs() {
    return jobs.getStore().list();
  }

  public List<GenericKubernetesResource> vmis() {
    return vmis.getStore().list();
  }

  public Optional<ConfigMap> journal(String namespace, String name) {
    return Optional.ofNullable(
        journals.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.getStore().getByKey(name));
  }

  public Optional<Upgrade> upgrade(String namespace, String name) {
    return Optional.ofNullable(
        upgrades.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  /** The cached resourceVersion of an object the controller wrote, for read-your-writes. */
  public Optional<String> resourceVersion(WriteExpectations.Key key) {
    Optional<? extends HasMetadata> found =
        switch (key.kind()) {
          case "Node" -> node(key.name());
          case "Upgrade" -> upgrade(key.namespace(), key.name());
          case "Job" ->
              Optional.ofNullable(
                  jobs.getStore().getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name())));
          default -> Optional.empty();
        };
    return found.map(o -> o.getMetadata().getResourceVersion());
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }

  private <T extends HasMetadata> SharedIndexInformer<T> add(
      SharedIndexInformer<T> informer, Runnable onChange, BiPredicate<T, T> matters) {
    informer.addEventHandler(new Trigger<>(onChange, matters));
    informers.add(informer);
    return informer;
  }

  private void awaitSync(Duration timeout) {
    CompletableFuture<?>[] started =
        informers.stream()
            .map(i -> i.start().toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(started).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the caches synced", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the informer caches did not sync within " + timeout, e);
    }
  }

  private static <T extends HasMetadata> boolean changed(T before, T after) {
    return !Objects.equals(
        before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
  }

  /** Heartbeats change a node every few seconds; only what decisions read counts. */
  private static boolean nodeChanged(Node before, Node after) {
    return !Translate.node(before).equals(Translate.node(after));
  }

  private record Trigger<T>(Runnable onChange, BiPredicate<T, T> matters)
      implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T obj) {
      onChange.run();
    }

    @Override
    public void onUpdate(T before, T after) {
      if (matters.test(before, after)) {
        onChange.run();
      }
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      onChange.run();
    }
  }
}
