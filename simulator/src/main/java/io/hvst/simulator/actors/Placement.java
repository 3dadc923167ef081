package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.kube.Quantities;
import io.hvst.simulator.kube.QuotaUsage;
import io.hvst.simulator.kube.Selectors;
import io.hvst.simulator.seed.NodeFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's part the simulator needs: which nodes a pod may run on now (Ready, not cordoned,
 * KubeVirt-schedulable, untainted, matching its selectors, with room for its requests), least
 * loaded first.
 */
public final class Placement {

  /** What a pod asks of its node; {@code affinity} is a VMI spec's affinity (may be empty). */
  public record Demand(
      Map<String, String> nodeSelector, Json affinity, Map<String, Quantity> requests) {}

  private final Informers informers;

  public Placement(Informers informers) {
    this.informers = informers;
  }

  public List<Node> candidates(Demand demand, Set<String> excluded) {
    return informers.nodes().getStore().list().stream()
        .filter(n -> !excluded.contains(n.getMetadata().getName()))
        .filter(Placement::usable)
        .filter(n -> selects(demand, labels(n)))
        .filter(n -> fits(n, demand.requests()))
        .sorted(Comparator.comparingLong(this::memoryRequested).thenComparing(Placement::name))
        .toList();
  }

  /** Ready, uncordoned, marked schedulable by virt-handler, without a NoSchedule taint. */
  public static boolean usable(Node node) {
    boolean ready = ready(node);
    boolean cordoned =
        node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    boolean tainted =
        node.getSpec() != null
            && node.getSpec().getTaints() != null
            && node.getSpec().getTaints().stream()
                .anyMatch(t -> !"PreferNoSchedule".equals(t.getEffect()));
    return ready
        && !cordoned
        && !tainted
        && "true".equals(labels(node).get(NodeFactory.SCHEDULABLE_LABEL));
  }

  public static boolean ready(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean selects(Demand demand, Map<String, String> labels) {
    for (Map.Entry<String, String> e : demand.nodeSelector().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    List<Json> terms =
        demand
            .affinity()
            .at("nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
            .list("nodeSelectorTerms");
    return terms.isEmpty() || terms.stream().anyMatch(t -> termMatches(t, labels));
  }

  private static boolean termMatches(Json term, Map<String, String> labels) {
    return term.list("matchExpressions").stream()
        .allMatch(
            e ->
                Selectors.requirement(
                    e.text("key"), e.text("operator"), e.texts("values"), labels));
  }

  private boolean fits(Node node, Map<String, Quantity> requests) {
    Map<String, Quantity> allocatable =
        node.getStatus() == null ? Map.of() : node.getStatus().getAllocatable();
    long memory = Quantities.amount("memory", allocatable.get("memory"));
    long cpu = Quantities.amount("cpu", allocatable.get("cpu"));
    long wantMemory = Quantities.amount("memory", requests.get("memory"));
    long wantCpu = Quantities.amount("cpu", requests.get("cpu"));
    List<Pod> pods = podsOn(name(node));
    long usedMemory = pods.stream().mapToLong(p -> QuotaUsage.of(p).get("requests.memory")).sum();
    long usedCpu = pods.stream().mapToLong(p -> QuotaUsage.of(p).get("requests.cpu")).sum();
    return usedMemory + wantMemory <= memory && usedCpu + wantCpu <= cpu;
  }

  private long memoryRequested(Node node) {
    return podsOn(name(node)).stream()
        .mapToLong(p -> QuotaUsage.of(p).get("requests.memory"))
        .sum();
  }

  private List<Pod> podsOn(String node) {
    return informers.pods().getStore().list().stream()
        .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
        .filter(QuotaUsage::counts)
        .toList();
  }

  static Map<String, String> labels(Node node) {
    return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
  }

  private static String name(Node node) {
    return node.getMetadata().getName();
  }
}
