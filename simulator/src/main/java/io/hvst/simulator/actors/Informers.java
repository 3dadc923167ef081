package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.controller.observe.KubeVirt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The watches the simulated components share, as KubeVirt's and Kubernetes' controllers share
 * informers. Actors add their handlers before {@link #start}.
 */
public final class Informers implements AutoCloseable {

  /** Reacts to changes of one kind; each method may be left out. */
  public interface Listener<T> {
    default void added(T object) {}

    default void updated(T before, T after) {}

    default void deleted(T object) {}
  }

  private final List<SharedIndexInformer<?>> all = new ArrayList<>();
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<GenericKubernetesResource> vmis;
  private final SharedIndexInformer<GenericKubernetesResource> vms;
  private final SharedIndexInformer<GenericKubernetesResource> migrations;
  private final SharedIndexInformer<PodDisruptionBudget> pdbs;
  private final SharedIndexInformer<ResourceQuota> quotas;

  public Informers(KubernetesClient client) {
    nodes = add(client.nodes().runnableInformer(0));
    pods = add(client.pods().inAnyNamespace().runnableInformer(0));
    vmis =
        add(client.genericKubernetesResources(KubeVirt.VMI).inAnyNamespace().runnableInformer(0));
    vms = add(client.genericKubernetesResources(KubeVirt.VM).inAnyNamespace().runnableInformer(0));
    migrations =
        add(
            client
                .genericKubernetesResources(KubeVirt.MIGRATION)
                .inAnyNamespace()
                .runnableInformer(0));
    pdbs = add(client.policy().v1().podDisruptionBudget().inAnyNamespace().runnableInformer(0));
    quotas = add(client.resourceQuotas().inAnyNamespace().runnableInformer(0));
  }

  private <T> SharedIndexInformer<T> add(SharedIndexInformer<T> informer) {
    all.add(informer);
    return informer;
  }

  public void start(Duration timeout) {
    CompletableFuture<?>[] started =
        all.stream().map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(started).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the simulator's informers synced", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the simulator's informers did not sync", e);
    }
  }

  public SharedIndexInformer<Node> nodes() {
    return nodes;
  }

  public SharedIndexInformer<Pod> pods() {
    return pods;
  }

  public SharedIndexInformer<GenericKubernetesResource> vmis() {
    return vmis;
  }

  public SharedIndexInformer<GenericKubernetesResource> vms() {
    return vms;
  }

  public SharedIndexInformer<GenericKubernetesResource> migrations() {
    return migrations;
  }

  public SharedIndexInformer<PodDisruptionBudget> pdbs() {
    return pdbs;
  }

  public SharedIndexInformer<ResourceQuota> quotas() {
    return quotas;
  }

  public static <T> Optional<T> get(
      SharedIndexInformer<T> informer, String namespace, String name) {
    String key = namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  public static <T extends HasMetadata> List<T> inNamespace(
      SharedIndexInformer<T> informer, String namespace) {
    return informer.getStore().list().stream()
        .filter(o -> namespace.equals(o.getMetadata().getNamespace()))
        .toList();
  }

  public static <T> void listen(SharedIndexInformer<T> informer, Listener<T> listener) {
    informer.addEventHandler(
        new ResourceEventHandler<T>() {
          @Override
          public void onAdd(T object) {
            listener.added(object);
          }

          @Override
          public void onUpdate(T before, T after) {
            listener.updated(before, after);
          }

          @Override
          public void onDelete(T object, boolean unknownFinalState) {
            listener.deleted(object);
          }
        });
  }

  @Override
  public void close() {
    all.forEach(SharedIndexInformer::close);
  }
}
