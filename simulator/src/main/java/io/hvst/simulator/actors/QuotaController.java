package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.hvst.simulator.kube.QuotaUsage;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.observe.VmInventory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The resource quota controller: keeps {@code status.hard} and {@code status.used} of every quota
 * true to the namespace's pods (read fresh; a write guarded by the quota's resourceVersion so it
 * never undoes what admission just counted). Notes quotas raised again before being restored.
 */
public final class QuotaController extends NamespaceActor {

  private final Informers informers;
  private final Writes writes;
  private final VmInventory inventory;
  private final Set<String> raised = ConcurrentHashMap.newKeySet();

  public QuotaController(
      Informers informers, Writes writes, ScheduledExecutorService timers, VmInventory inventory) {
    super(timers);
    this.informers = informers;
    this.writes = writes;
    this.inventory = inventory;
  }

  public void start() {
    Informers.listen(
        informers.quotas(),
        new Informers.Listener<>() {
          @Override
          public void added(ResourceQuota quota) {
            queue(quota.getMetadata().getNamespace());
          }

          @Override
          public void updated(ResourceQuota before, ResourceQuota after) {
            noteRaise(before, after);
            queue(after.getMetadata().getNamespace());
          }
        });
    Informers.listen(informers.pods(), changes(Pod::getMetadata));
  }

  @Override
  protected void queue(String namespace) {
    if (!Informers.inNamespace(informers.quotas(), namespace).isEmpty()) {
      super.queue(namespace);
    }
  }

  @Override
  protected void sync(String namespace) {
    List<ResourceQuota> quotas =
        writes.client().resourceQuotas().inNamespace(namespace).list().getItems();
    List<Pod> pods = writes.client().pods().inNamespace(namespace).list().getItems();
    for (ResourceQuota quota : quotas) {
      Map<String, Long> hard = QuotaUsage.hard(quota);
      Map<String, Object> status =
          Map.of(
              "hard", QuotaUsage.quantities(hard),
              "used", QuotaUsage.quantities(QuotaUsage.used(hard.keySet(), pods)));
      if (!same(quota, status)
          && !writes.replaceStatus(
              skeleton(quota), quota.getMetadata().getResourceVersion(), status)) {
        retry(namespace);
      }
    }
  }

  private void noteRaise(ResourceQuota before, ResourceQuota after) {
    Map<String, Long> was = QuotaUsage.hard(before);
    Map<String, Long> now = QuotaUsage.hard(after);
    String key = after.getMetadata().getNamespace() + "/" + after.getMetadata().getName();
    boolean up =
        now.entrySet().stream()
            .anyMatch(e -> e.getValue() > was.getOrDefault(e.getKey(), Long.MAX_VALUE));
    boolean down =
        now.entrySet().stream().anyMatch(e -> e.getValue() < was.getOrDefault(e.getKey(), 0L));
    if (up && !raised.add(key)) {
      inventory.quotaRaisedAgain(key);
    } else if (down) {
      raised.remove(key);
    }
  }

  private static boolean same(ResourceQuota quota, Map<String, Object> status) {
    if (quota.getStatus() == null) {
      return false;
    }
    return amounts(quota.getStatus().getHard()).equals(amounts(status.get("hard")))
        && amounts(quota.getStatus().getUsed()).equals(amounts(status.get("used")));
  }

  private static Map<String, Long> amounts(Object quantities) {
    Map<String, Long> out = new java.util.TreeMap<>();
    if (quantities instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) ->
              out.put(
                  String.valueOf(k),
                  io.hvst.simulator.kube.Quantities.amount(String.valueOf(k), String.valueOf(v))));
    }
    return out;
  }

  private static ResourceQuota skeleton(ResourceQuota quota) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withNamespace(quota.getMetadata().getNamespace())
        .withName(quota.getMetadata().getName())
        .endMetadata()
        .build();
  }
}
