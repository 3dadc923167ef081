package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.controller.observe.Translate;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ResourceQuota {@code spec.hard} writes, as compare-and-swap on values: the amounts change only if
 * they are still what the caller expects (and the object's resourceVersion guards the write).
 */
public final class QuotaAdapter {

  /** What a compare-and-swap found; {@code resourceVersion} is set when it wrote. */
  public record Outcome(Kind kind, String resourceVersion) {
    /** What happened. */
    public enum Kind {
      WRITTEN,
      ALREADY_SO,
      CHANGED_BY_SOMEONE
    }
  }

  private final KubernetesClient client;
  private final KubeCalls calls;

  public QuotaAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  public Outcome set(
      String namespace, String name, Map<String, Long> hard, Map<String, Long> expected) {
    Optional<ResourceQuota> current =
        Optional.ofNullable(
            calls.call(
                "get quota " + namespace + "/" + name,
                () -> client.resourceQuotas().inNamespace(namespace).withName(name).get()));
    if (current.isEmpty()) {
      return new Outcome(Outcome.Kind.CHANGED_BY_SOMEONE, "");
    }
    ResourceQuota quota = current.get();
    Map<String, Long> now = amounts(quota, hard.keySet());
    if (now.equals(hard)) {
      return new Outcome(Outcome.Kind.ALREADY_SO, "");
    }
    if (!now.equals(expected)) {
      return new Outcome(Outcome.Kind.CHANGED_BY_SOMEONE, "");
    }
    Map<String, Quantity> merged = new LinkedHashMap<>(quota.getSpec().getHard());
    hard.forEach((k, v) -> merged.put(k, quantity(k, v)));
    quota.getSpec().setHard(merged);
    ResourceQuota written =
        calls.call(
            "update quota " + namespace + "/" + name,
            () -> client.resourceQuotas().inNamespace(namespace).resource(quota).update());
    return new Outcome(Outcome.Kind.WRITTEN, written.getMetadata().getResourceVersion());
  }

  private static Map<String, Long> amounts(ResourceQuota quota, Iterable<String> keys) {
    Map<String, Quantity> hard =
        quota.getSpec() == null || quota.getSpec().getHard() == null
            ? Map.of()
            : quota.getSpec().getHard();
    Map<String, Long> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, hard.containsKey(k) ? Translate.amount(k, hard.get(k)) : 0L));
    return out;
  }

  /** Base units back to a quantity: millicores for cpu, plain numbers otherwise. */
  static Quantity quantity(String resource, long amount) {
    if (resource.endsWith("cpu")) {
      return amount % 1000 == 0
          ? new Quantity(String.valueOf(amount / 1000))
          : new Quantity(amount + "m");
    }
    return new Quantity(BigDecimal.valueOf(amount).toPlainString());
  }
}
