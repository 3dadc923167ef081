package io.hvst.controller.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the ConfigMap {@code hvst-scheduling-policy}: {@code persist-labels} (one label key per
 * line, {@code prefix*} allowed) and {@code rules} (a YAML list of {name, nodeSelector, labels,
 * absentLabels, taints}). A malformed entry is left out and named in the policy's errors; the other
 * entries still apply.
 */
public final class SchedulingPolicyParser {

  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SchedulingPolicyParser() {}

  public static SchedulingPolicy parse(ConfigMap cm) {
    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
    List<String> errors = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String line : data.getOrDefault("persist-labels", "").lines().map(String::trim).toList()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.contains(" ") || line.contains("=")) {
        errors.add("persist-labels entry \"" + line + "\" is not a label key");
      } else {
        keys.add(line);
      }
    }
    return new SchedulingPolicy(keys, rules(data.getOrDefault("rules", ""), errors), errors);
  }

  private static List<SchedulingPolicy.Rule> rules(String text, List<String> errors) {
    List<SchedulingPolicy.Rule> rules = new ArrayList<>();
    if (text.isBlank()) {
      return rules;
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      errors.add("rules is not valid YAML: " + e.getOriginalMessage());
      return rules;
    }
    if (!root.isArray()) {
      errors.add("rules must be a YAML list of rules");
      return rules;
    }
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String name = entry.path("name").asText("");
      String label = "rule #" + (i + 1) + (name.isEmpty() ? "" : " (\"" + name + "\")");
      try {
        rules.add(rule(entry, name));
      } catch (IllegalArgumentException e) {
        errors.add(label + ": " + e.getMessage() + "; the rule is ignored");
      }
    }
    return rules;
  }

  private static SchedulingPolicy.Rule rule(JsonNode entry, String name) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException("is not a mapping");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("has no name");
    }
    Map<String, String> selector = strings(entry.path("nodeSelector"), "nodeSelector");
    if (selector.isEmpty()) {
      throw new IllegalArgumentException("has no nodeSelector (it would apply to every node)");
    }
    List<String> absent = new ArrayList<>();
    entry.path("absentLabels").forEach(n -> absent.add(n.asText()));
    List<Taint> taints = new ArrayList<>();
    for (JsonNode t : entry.path("taints")) {
      String key = t.path("key").asText("");
      String effect = t.path("effect").asText("");
      if (key.isEmpty() || !EFFECTS.contains(effect)) {
        throw new IllegalArgumentException(
            "taint " + t + " needs a key and an effect among " + EFFECTS);
      }
      taints.add(new Taint(key, t.path("value").asText(""), effect));
    }
    return new SchedulingPolicy.Rule(
        name, selector, strings(entry.path("labels"), "labels"), absent, taints);
  }

  private static Map<String, String> strings(JsonNode node, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(field + " must be a mapping of strings");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isValueNode()) {
        throw new IllegalArgumentException(field + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
