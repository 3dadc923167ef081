package io.hvst.statemachine.plan;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.journal.SchedulingState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The scheduling state a node must have after its upgrade: exactly what was saved before it, plus
 * what the operator's policy declares for its group. Compared with what the node shows, it yields
 * the patch that restores it.
 */
public record DesiredScheduling(
    Map<String, String> labels, List<String> absentLabels, List<Taint> taints) {

  /** What to change on a node: labels to set, labels to remove, taints to add. */
  public record Diff(
      Map<String, String> setLabels, List<String> removeLabels, List<Taint> addTaints) {
    public boolean isEmpty() {
      return setLabels.isEmpty() && removeLabels.isEmpty() && addTaints.isEmpty();
    }

    public int size() {
      return setLabels.size() + removeLabels.size() + addTaints.size();
    }
  }

  public DesiredScheduling {
    labels = Map.copyOf(labels);
    absentLabels = List.copyOf(absentLabels);
    taints = List.copyOf(taints);
  }

  public static DesiredScheduling of(
      SchedulingState saved, NodeView node, SchedulingPolicy policy) {
    Map<String, String> labels = new TreeMap<>(saved.labels());
    List<String> absent = new ArrayList<>();
    List<Taint> taints = new ArrayList<>(saved.taints());
    Map<String, String> groupLabels = new HashMap<>(node.labels());
    groupLabels.putAll(saved.labels());
    for (SchedulingPolicy.Rule rule : policy.rulesFor(groupLabels)) {
      labels.putAll(rule.labels());
      rule.absentLabels()
          .forEach(
              k -> {
                labels.remove(k);
                absent.add(k);
              });
      for (Taint t : rule.taints()) {
        taints.removeIf(t::sameSlot);
        taints.add(t);
      }
    }
    return new DesiredScheduling(labels, absent, taints);
  }

  /** What the node lacks (or has too much of) compared with this state. */
  public Diff diff(NodeView node) {
    Map<String, String> set = new TreeMap<>();
    labels.forEach(
        (k, v) -> {
          if (!Objects.equals(node.labels().get(k), v)) {
            set.put(k, v);
          }
        });
    List<String> remove = absentLabels.stream().filter(node.labels()::containsKey).toList();
    List<Taint> add = taints.stream().filter(t -> !node.taints().contains(t)).toList();
    return new Diff(set, remove, add);
  }

  /**
   * How many persisted items (labels or taints saved before the upgrade) the node is missing. An
   * item a policy rule for the node's group declares otherwise (a label it sets or removes, a taint
   * in the same slot) is the rule's, not a persisted one: replaced on purpose, it is not lost.
   */
  public static int lost(SchedulingState saved, NodeView node, SchedulingPolicy policy) {
    Map<String, String> groupLabels = new HashMap<>(node.labels());
    groupLabels.putAll(saved.labels());
    List<SchedulingPolicy.Rule> rules = policy.rulesFor(groupLabels);
    int missing = 0;
    for (Map.Entry<String, String> l : saved.labels().entrySet()) {
      String key = l.getKey();
      boolean declared =
          rules.stream()
              .anyMatch(r -> r.labels().containsKey(key) || r.absentLabels().contains(key));
      if (!declared && !Objects.equals(node.labels().get(key), l.getValue())) {
        missing++;
      }
    }
    for (Taint t : saved.taints()) {
      boolean declared = rules.stream().anyMatch(r -> r.taints().stream().anyMatch(t::sameSlot));
      if (!declared && !node.taints().contains(t)) {
        missing++;
      }
    }
    return missing;
  }
}
