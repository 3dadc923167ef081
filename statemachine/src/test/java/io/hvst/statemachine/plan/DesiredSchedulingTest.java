package io.hvst.statemachine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.journal.SchedulingState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredSchedulingTest {

  private static final Taint RESERVED = new Taint("management", "reserved", "NoSchedule");
  private static final SchedulingState SAVED =
      new SchedulingState(
          false,
          Map.of("kubevirt.io/schedulable", "true", "example.com/pool", "management"),
          List.of(RESERVED),
          Instant.EPOCH);

  /** The operator's rule: the management pool stays unschedulable. */
  private static final SchedulingPolicy RULE =
      new SchedulingPolicy(
          List.of("example.com/pool"),
          List.of(
              new SchedulingPolicy.Rule(
                  "management-reserved",
                  Map.of("example.com/pool", "management"),
                  Map.of("kubevirt.io/schedulable", "false"),
                  List.of(),
                  List.of(RESERVED))),
          List.of());

  @Test
  void countsEveryPersistedLabelAndTaintTheNodeNoLongerHas() {
    NodeView reset = Nodes.management("node-1").label("kubevirt.io/schedulable", "true").build();

    assertThat(DesiredScheduling.lost(SAVED, reset, SchedulingPolicy.NONE)).isEqualTo(2);
  }

  @Test
  void anItemARuleDeclaresOtherwiseIsReplacedNotLost() {
    // The rule set schedulable=false over the saved true; the pool label is the rule's selector.
    NodeView declared =
        Nodes.management("node-1")
            .label("kubevirt.io/schedulable", "false")
            .label("example.com/pool", "management")
            .taint("management", "reserved", "NoSchedule")
            .build();

    assertThat(DesiredScheduling.lost(SAVED, declared, RULE)).isZero();
    assertThat(DesiredScheduling.lost(SAVED, declared, SchedulingPolicy.NONE)).isEqualTo(1);
  }

  @Test
  void aRuleDoesNotExcuseAPersistedItemItDoesNotDeclare() {
    NodeView poolGone =
        Nodes.management("node-1")
            .label("kubevirt.io/schedulable", "false")
            .taint("management", "reserved", "NoSchedule")
            .build();

    // The rule still applies (its selector matches the saved labels), but says nothing of the pool.
    assertThat(DesiredScheduling.lost(SAVED, poolGone, RULE)).isEqualTo(1);
  }
}
