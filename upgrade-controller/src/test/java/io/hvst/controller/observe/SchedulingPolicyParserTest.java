package io.hvst.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.Taint;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulingPolicyParserTest {

  private static final String GOOD =
      """
      - name: management
        nodeSelector: {node-role.kubernetes.io/control-plane: "true"}
        labels: {kubevirt.io/schedulable: "false"}
        absentLabels: [nonemgmt]
        taints: [{key: management, value: reserved, effect: NoSchedule}]
      """;

  private static ConfigMap cm(String persist, String rules) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("hvst-scheduling-policy")
        .endMetadata()
        .withData(Map.of("persist-labels", persist, "rules", rules))
        .build();
  }

  @Test
  void readsPersistedKeysAndRules() {
    SchedulingPolicy p =
        SchedulingPolicyParser.parse(
            cm("example.com/rack\n# a comment\ntopology.kubernetes.io/*\n", GOOD));
    assertThat(p.errors()).isEmpty();
    assertThat(p.persists("example.com/rack")).isTrue();
    assertThat(p.persists("topology.kubernetes.io/zone")).isTrue();
    assertThat(p.persists("example.com/other")).isFalse();
    SchedulingPolicy.Rule rule = p.rules().get(0);
    assertThat(rule.labels()).containsEntry("kubevirt.io/schedulable", "false");
    assertThat(rule.absentLabels()).containsExactly("nonemgmt");
    assertThat(rule.taints()).containsExactly(new Taint("management", "reserved", "NoSchedule"));
    assertThat(rule.appliesTo(Map.of("node-role.kubernetes.io/control-plane", "true"))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no name            | - {nodeSelector: {a: b}}                                   | rule #2: has no name",
        "no selector        | - {name: x}                                                | rule #2 (\"x\"): has no nodeSelector",
        "bad taint effect   | - {name: x, nodeSelector: {a: b}, taints: [{key: k, effect: Sometimes}]} | needs a key and an effect",
        "labels not strings | - {name: x, nodeSelector: {a: b}, labels: {k: [1]}}        | labels.k must be a string",
      })
  void namesAMalformedRuleAndKeepsTheOthers(String what, String bad, String message) {
    SchedulingPolicy p = SchedulingPolicyParser.parse(cm("", GOOD + bad));
    assertThat(p.rules()).extracting(SchedulingPolicy.Rule::name).containsExactly("management");
    assertThat(p.errors()).singleElement().asString().contains(message).contains("ignored");
  }

  @Test
  void reportsRulesThatAreNotYaml() {
    SchedulingPolicy p =
        SchedulingPolicyParser.parse(cm("bad key with spaces", "- name: [unclosed"));
    assertThat(p.errors()).hasSize(2);
    assertThat(p.errors().get(0)).contains("\"bad key with spaces\" is not a label key");
    assertThat(p.errors().get(1)).contains("not valid YAML");
  }
}
