package io.hvst.statemachine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final List<String> ORDER = List.of("m-1", "m-2", "m-3", "w-1", "w-2");

  private final World world =
      new World()
          .with(
              Nodes.management("m-1"),
              Nodes.management("m-2"),
              Nodes.management("m-3"),
              Nodes.worker("w-1"),
              Nodes.worker("w-2"));

  @Test
  void startsTheFirstManagementNodeOnly() {
    Admission.Result result = Admission.decide(journal(Map.of()), world.snapshot(), 3);
    assertThat(result.start()).containsExactly("m-1");
    assertThat(result.blocked()).hasValueSatisfying(w -> assertThat(w.node()).isEqualTo("m-2"));
  }

  @Test
  void startsTheNextManagementNodeOnlyAfterThePreviousSucceeded() {
    Admission.Result busy =
        Admission.decide(journal(Map.of("m-1", NodeState.UPGRADE)), world.snapshot(), 3);
    assertThat(busy.start()).isEmpty();
    assertThat(busy.blocked().orElseThrow().reason()).isEqualTo(Reason.WAITING_FOR_TURN);

    Admission.Result done =
        Admission.decide(journal(Map.of("m-1", NodeState.SUCCEEDED)), world.snapshot(), 3);
    assertThat(done.start()).containsExactly("m-2");
  }

  @Test
  void holdsWorkersUntilEveryManagementNodeSucceeded() {
    Map<String, NodeState> states =
        Map.of("m-1", NodeState.SUCCEEDED, "m-2", NodeState.SUCCEEDED, "m-3", NodeState.DRAIN);
    Admission.Result result = Admission.decide(journal(states), world.snapshot(), 3);
    assertThat(result.start()).isEmpty();
    assertThat(result.blocked().orElseThrow().node()).isEqualTo("w-1");
  }

  @Test
  void startsSeveralWorkersUpToMaxUnavailable() {
    Map<String, NodeState> states =
        Map.of("m-1", NodeState.SUCCEEDED, "m-2", NodeState.SUCCEEDED, "m-3", NodeState.SUCCEEDED);
    assertThat(Admission.decide(journal(states), world.snapshot(), 2).start())
        .containsExactly("w-1", "w-2");
    assertThat(Admission.decide(journal(states), world.snapshot(), 1).start())
        .containsExactly("w-1");
  }

  @Test
  void countsANodeThatIsDownOnItsOwnAgainstMaxUnavailable() {
    Map<String, NodeState> states =
        Map.of("m-1", NodeState.SUCCEEDED, "m-2", NodeState.SUCCEEDED, "m-3", NodeState.SUCCEEDED);
    world.node("w-2", World.readiness(false));
    Admission.Result result = Admission.decide(journal(states), world.snapshot(), 1);
    assertThat(result.start()).isEmpty();
    assertThat(result.blocked().orElseThrow().reason()).isEqualTo(Reason.MAX_UNAVAILABLE_REACHED);
  }

  @Test
  void neverTakesDownAManagementNodeWhenAnotherOneIsAlreadyDown() {
    world.node("m-3", World.readiness(false));
    ClusterSnapshot snapshot = world.snapshot();
    Admission.Result result = Admission.decide(journal(Map.of()), snapshot, 5);
    assertThat(result.start()).isEmpty();
    assertThat(result.blocked().orElseThrow().reason()).isEqualTo(Reason.WAITING_FOR_TURN);
    assertThat(Quorum.survivesLosing("m-1", snapshot)).isFalse();
  }

  private static Journal journal(Map<String, NodeState> states) {
    UpgradeRecord upgrade =
        new UpgradeRecord(
            1, "uid-1", UpgradePhase.UPGRADING_NODES, ORDER, "v1.5.0", "v1.4.0", Map.of(), null);
    TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    for (String name : ORDER) {
      NodeRecord rec = NodeRecord.queued(name);
      NodeState state = states.getOrDefault(name, NodeState.QUEUED);
      nodes.put(name, state == NodeState.QUEUED ? rec : rec.enter(state, World.T0));
    }
    return new Journal(upgrade, nodes);
  }
}
