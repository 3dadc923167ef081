package io.hvst.statemachine.plan;

import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.cluster.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a namespace's ResourceQuotas have room for one more pod (a migration target virt-launcher
 * pod), and by exactly how much each would have to be raised (Harvester issue 3124).
 */
public final class QuotaHeadroom {

  /** A quota that needs raising, and by how much per resource (base units). */
  public record Raise(QuotaView quota, Map<String, Long> delta) {}

  private QuotaHeadroom() {}

  /** What a pod with these requests counts against a quota, per resource name. */
  public static Map<String, Long> need(Resources pod) {
    Map<String, Long> need = new LinkedHashMap<>();
    need.put("requests.cpu", pod.milliCpu());
    need.put("requests.memory", pod.memoryBytes());
    need.put("limits.cpu", pod.milliCpu());
    need.put("limits.memory", pod.memoryBytes());
    need.put("cpu", pod.milliCpu());
    need.put("memory", pod.memoryBytes());
    need.put("pods", 1L);
    return need;
  }

  /** The raises the pod needs: only the resources where used + need would exceed hard. */
  public static List<Raise> raises(List<QuotaView> quotas, Resources pod) {
    return raises(quotas, pod, List.of());
  }

  /**
   * The same, with the {@code pending} target pods (already asked for) counted as used: the quota's
   * {@code status.used} lags behind them. The limit is the lower of {@code spec.hard} and {@code
   * status.hard}: admission enforces the latter, which catches up with the former a little later.
   */
  public static List<Raise> raises(List<QuotaView> quotas, Resources pod, List<Resources> pending) {
    Map<String, Long> need = need(pod);
    Map<String, Long> already = new LinkedHashMap<>();
    pending.forEach(p -> need(p).forEach((k, v) -> already.merge(k, v, Long::sum)));
    List<Raise> raises = new ArrayList<>();
    for (QuotaView quota : quotas) {
      Map<String, Long> delta = new LinkedHashMap<>();
      for (Map.Entry<String, Long> limit : limits(quota).entrySet()) {
        Long wanted = need.get(limit.getKey());
        if (wanted == null || wanted == 0) {
          continue;
        }
        long used =
            quota.used().getOrDefault(limit.getKey(), 0L)
                + already.getOrDefault(limit.getKey(), 0L);
        if (used + wanted > limit.getValue()) {
          delta.put(limit.getKey(), wanted);
        }
      }
      if (!delta.isEmpty()) {
        raises.add(new Raise(quota, delta));
      }
    }
    return raises;
  }

  private static Map<String, Long> limits(QuotaView quota) {
    Map<String, Long> limits = new LinkedHashMap<>(quota.enforced());
    quota.hard().forEach((k, v) -> limits.merge(k, v, Math::min));
    return limits;
  }

  /**
   * {@code base} plus (or minus, with {@code sign} -1) {@code delta}, for the delta's keys only.
   */
  public static Map<String, Long> shift(Map<String, Long> base, Map<String, Long> delta, int sign) {
    Map<String, Long> out = new LinkedHashMap<>();
    delta.forEach((k, d) -> out.put(k, base.getOrDefault(k, 0L) + sign * d));
    return out;
  }

  /** {@code hard}'s values for {@code keys} only. */
  public static Map<String, Long> pick(Map<String, Long> hard, Iterable<String> keys) {
    Map<String, Long> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, hard.getOrDefault(k, 0L)));
    return out;
  }
}
