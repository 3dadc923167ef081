package io.hvst.simulator.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What pods use of a ResourceQuota, as the API server's quota evaluator counts it: non-finished
 * pods only; {@code cpu} and {@code memory} mean their requests; a container without limits counts
 * its requests as limits (a simplification).
 */
public final class QuotaUsage {

  private QuotaUsage() {}

  /** Finished and terminating pods hold no quota. */
  public static boolean counts(Pod pod) {
    String phase = pod.getStatus() == null ? "" : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase)
        && !"Failed".equals(phase)
        && pod.getMetadata().getDeletionTimestamp() == null;
  }

  /** One pod's usage of every resource a quota can name. */
  public static Map<String, Long> of(Pod pod) {
    long reqCpu = 0;
    long reqMem = 0;
    long limCpu = 0;
    long limMem = 0;
    List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
    for (Container c : containers) {
      Map<String, Quantity> requests =
          c.getResources() == null || c.getResources().getRequests() == null
              ? Map.of()
              : c.getResources().getRequests();
      Map<String, Quantity> limits =
          c.getResources() == null
                  || c.getResources().getLimits() == null
                  || c.getResources().getLimits().isEmpty()
              ? requests
              : c.getResources().getLimits();
      reqCpu += Quantities.amount("cpu", requests.get("cpu"));
      reqMem += Quantities.amount("memory", requests.get("memory"));
      limCpu += Quantities.amount("cpu", limits.get("cpu"));
      limMem += Quantities.amount("memory", limits.get("memory"));
    }
    Map<String, Long> usage = new TreeMap<>();
    usage.put("requests.cpu", reqCpu);
    usage.put("cpu", reqCpu);
    usage.put("requests.memory", reqMem);
    usage.put("memory", reqMem);
    usage.put("limits.cpu", limCpu);
    usage.put("limits.memory", limMem);
    usage.put("pods", 1L);
    return usage;
  }

  /** The pods' summed usage of {@code resources}. */
  public static Map<String, Long> used(Collection<String> resources, Collection<Pod> pods) {
    Map<String, Long> used = new TreeMap<>();
    resources.forEach(r -> used.put(r, 0L));
    for (Pod pod : pods) {
      if (!counts(pod)) {
        continue;
      }
      Map<String, Long> usage = of(pod);
      resources.forEach(r -> used.merge(r, usage.getOrDefault(r, 0L), Long::sum));
    }
    return used;
  }

  /** {@code spec.hard} in base units. */
  public static Map<String, Long> hard(ResourceQuota quota) {
    Map<String, Long> hard = new TreeMap<>();
    if (quota.getSpec() != null && quota.getSpec().getHard() != null) {
      quota.getSpec().getHard().forEach((k, v) -> hard.put(k, Quantities.amount(k, v)));
    }
    return hard;
  }

  /** Amounts as the quantities the API server writes. */
  public static Map<String, Quantity> quantities(Map<String, Long> amounts) {
    Map<String, Quantity> out = new TreeMap<>();
    amounts.forEach((k, v) -> out.put(k, new Quantity(Quantities.format(k, v))));
    return out;
  }
}
