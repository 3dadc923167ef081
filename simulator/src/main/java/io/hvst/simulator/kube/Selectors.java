package io.hvst.simulator.kube;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Label selector matching, set-based expressions included (the mock ignores those). */
public final class Selectors {

  private Selectors() {}

  /** policy/v1 semantics: a null selector matches nothing, an empty one everything. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return expressions.stream()
        .allMatch(r -> requirement(r.getKey(), r.getOperator(), r.getValues(), labels));
  }

  /** One matchExpressions requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
  public static boolean requirement(
      String key, String operator, List<String> values, Map<String, String> labels) {
    String value = labels.get(key);
    List<String> vs = values == null ? List.of() : values;
    return switch (operator) {
      case "In" -> value != null && vs.contains(value);
      case "NotIn" -> value == null || !vs.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt" -> value != null && !vs.isEmpty() && number(value) > number(vs.get(0));
      case "Lt" -> value != null && !vs.isEmpty() && number(value) < number(vs.get(0));
      default -> false;
    };
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
