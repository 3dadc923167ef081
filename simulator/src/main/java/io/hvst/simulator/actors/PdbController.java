package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.hvst.simulator.kube.QuotaUsage;
import io.hvst.simulator.kube.Selectors;
import io.hvst.simulator.kube.Writes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The disruption controller: keeps each PodDisruptionBudget's status (expected, healthy and desired
 * pods, disruptions allowed) true to the pods it covers. Pods the Eviction API just took ({@code
 * disruptedPods}) count as unhealthy until they are gone.
 */
public final class PdbController extends NamespaceActor {

  private final Informers informers;
  private final Writes writes;
  private final Clock clock;
  private final Map<String, Integer> replicas = new ConcurrentHashMap<>();

  public PdbController(
      Informers informers, Writes writes, ScheduledExecutorService timers, Clock clock) {
    super(timers);
    this.informers = informers;
    this.writes = writes;
    this.clock = clock;
  }

  public void start() {
    Informers.listen(informers.pdbs(), changes(PodDisruptionBudget::getMetadata));
    Informers.listen(informers.pods(), changes(Pod::getMetadata));
  }

  @Override
  protected void sync(String namespace) {
    List<Pod> pods = Informers.inNamespace(informers.pods(), namespace);
    for (PodDisruptionBudget pdb : Informers.inNamespace(informers.pdbs(), namespace)) {
      Map<String, Object> status = status(pdb, pods);
      if (!same(pdb, status)
          && !writes.replaceStatus(skeleton(pdb), pdb.getMetadata().getResourceVersion(), status)) {
        retry(namespace);
      }
    }
  }

  private Map<String, Object> status(PodDisruptionBudget pdb, List<Pod> all) {
    List<Pod> covered =
        all.stream()
            .filter(QuotaUsage::counts)
            .filter(p -> Selectors.matches(pdb.getSpec().getSelector(), labels(p)))
            .toList();
    Map<String, String> disrupted = new TreeMap<>();
    if (pdb.getStatus() != null && pdb.getStatus().getDisruptedPods() != null) {
      pdb.getStatus()
          .getDisruptedPods()
          .forEach(
              (pod, at) -> {
                if (covered.stream().anyMatch(p -> p.getMetadata().getName().equals(pod))) {
                  disrupted.put(pod, at);
                }
              });
    }
    int expected = expected(covered);
    int healthy =
        (int) covered.stream().filter(p -> ready(p) && !disrupted.containsKey(name(p))).count();
    int desired = desired(pdb, expected);
    int allowed = Math.max(0, healthy - desired);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", pdb.getMetadata().getGeneration());
    status.put("disruptedPods", disrupted);
    status.put("disruptionsAllowed", allowed);
    status.put("currentHealthy", healthy);
    status.put("desiredHealthy", desired);
    status.put("expectedPods", expected);
    status.put(
        "conditions",
        List.of(
            Writes.map(
                "type",
                "DisruptionAllowed",
                "status",
                allowed > 0 ? "True" : "False",
                "reason",
                allowed > 0 ? "SufficientPods" : "InsufficientPods",
                "message",
                "",
                "observedGeneration",
                pdb.getMetadata().getGeneration(),
                "lastTransitionTime",
                transition(pdb, allowed > 0))));
    return status;
  }

  /**
   * The pods the budget expects: for Deployment pods their ReplicaSet's replica count (here the
   * most pods of it ever seen: a pod just evicted still counts until replaced), else the pods.
   */
  private int expected(List<Pod> covered) {
    Map<String, Integer> perSet = new TreeMap<>();
    int unmanaged = 0;
    for (Pod pod : covered) {
      String set = replicaSet(pod);
      if (set.isEmpty()) {
        unmanaged++;
      } else {
        perSet.merge(pod.getMetadata().getNamespace() + "/" + set, 1, Integer::sum);
      }
    }
    perSet.forEach((set, n) -> replicas.merge(set, n, Math::max));
    return unmanaged + perSet.keySet().stream().mapToInt(replicas::get).sum();
  }

  private static String replicaSet(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners == null
        ? ""
        : owners.stream()
            .filter(o -> "ReplicaSet".equals(o.getKind()))
            .map(OwnerReference::getName)
            .findFirst()
            .orElse("");
  }

  private String transition(PodDisruptionBudget pdb, boolean allowed) {
    if (pdb.getStatus() != null && pdb.getStatus().getConditions() != null) {
      for (var c : pdb.getStatus().getConditions()) {
        if (c.getStatus().equals(allowed ? "True" : "False")) {
          return c.getLastTransitionTime();
        }
      }
    }
    return clock.instant().toString();
  }

  private static int desired(PodDisruptionBudget pdb, int expected) {
    IntOrString min = pdb.getSpec().getMinAvailable();
    if (min != null) {
      return scaled(min, expected);
    }
    IntOrString max = pdb.getSpec().getMaxUnavailable();
    return max == null ? expected : Math.max(0, expected - scaled(max, expected));
  }

  private static int scaled(IntOrString value, int expected) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal();
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    return (int) Math.ceil(expected * percent / 100.0);
  }

  /** Whether the stored status already says what {@code computed} says. */
  private static boolean same(PodDisruptionBudget pdb, Map<String, Object> computed) {
    var s = pdb.getStatus();
    if (s == null) {
      return false;
    }
    Map<String, String> disrupted = s.getDisruptedPods() == null ? Map.of() : s.getDisruptedPods();
    return Objects.equals(s.getObservedGeneration(), computed.get("observedGeneration"))
        && Objects.equals(s.getDisruptionsAllowed(), computed.get("disruptionsAllowed"))
        && Objects.equals(s.getCurrentHealthy(), computed.get("currentHealthy"))
        && Objects.equals(s.getDesiredHealthy(), computed.get("desiredHealthy"))
        && Objects.equals(s.getExpectedPods(), computed.get("expectedPods"))
        && disrupted.keySet().equals(((Map<?, ?>) computed.get("disruptedPods")).keySet());
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static PodDisruptionBudget skeleton(PodDisruptionBudget pdb) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withNamespace(pdb.getMetadata().getNamespace())
        .withName(pdb.getMetadata().getName())
        .endMetadata()
        .build();
  }

  private static Map<String, String> labels(Pod pod) {
    return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }
}
