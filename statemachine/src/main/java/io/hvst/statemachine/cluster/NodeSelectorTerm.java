package io.hvst.statemachine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One term of a required node affinity: every requirement must hold (Kubernetes semantics). */
public record NodeSelectorTerm(List<Requirement> requirements) {

  /** A match expression: operator In, NotIn, Exists, DoesNotExist, Gt or Lt. */
  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operator, "operator");
      values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        case "Gt" -> compare(value) > 0;
        case "Lt" -> value != null && compare(value) < 0;
        default -> false;
      };
    }

    private int compare(String value) {
      if (value == null || values.isEmpty()) {
        return 0;
      }
      try {
        return Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  public NodeSelectorTerm {
    requirements = List.copyOf(requirements);
  }

  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }
}
