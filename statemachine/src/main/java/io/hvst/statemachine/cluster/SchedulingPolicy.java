package io.hvst.statemachine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's persistent scheduling policy (ConfigMap {@code hvst-scheduling-policy}): label
 * keys to persist across upgrades beyond the defaults, and rules that declare the scheduling state
 * a group of nodes must always have.
 *
 * @param persistKeys label keys to persist; a key ending in {@code *} is a prefix
 * @param rules declared state per node group
 * @param errors entries that could not be read, each naming the entry and what is wrong
 */
public record SchedulingPolicy(List<String> persistKeys, List<Rule> rules, List<String> errors) {

  /** The state every node matching {@code nodeSelector} must have. */
  public record Rule(
      String name,
      Map<String, String> nodeSelector,
      Map<String, String> labels,
      List<String> absentLabels,
      List<Taint> taints) {
    public Rule {
      Objects.requireNonNull(name, "name");
      nodeSelector = Map.copyOf(nodeSelector);
      labels = Map.copyOf(labels);
      absentLabels = List.copyOf(absentLabels);
      taints = List.copyOf(taints);
    }

    public boolean appliesTo(Map<String, String> nodeLabels) {
      return nodeSelector.entrySet().stream()
          .allMatch(e -> e.getValue().equals(nodeLabels.get(e.getKey())));
    }
  }

  public static final SchedulingPolicy NONE = new SchedulingPolicy(List.of(), List.of(), List.of());

  public SchedulingPolicy {
    persistKeys = List.copyOf(persistKeys);
    rules = List.copyOf(rules);
    errors = List.copyOf(errors);
  }

  public boolean persists(String labelKey) {
    return persistKeys.stream()
        .anyMatch(
            k ->
                k.endsWith("*")
                    ? labelKey.startsWith(k.substring(0, k.length() - 1))
                    : k.equals(labelKey));
  }

  public List<Rule> rulesFor(Map<String, String> nodeLabels) {
    return rules.stream().filter(r -> r.appliesTo(nodeLabels)).toList();
  }
}
