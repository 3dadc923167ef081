package io.hvst.statemachine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.fixtures.Nodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeOrderTest {

  private final List<NodeView> cluster =
      List.of(
          Nodes.worker("w-2").build(),
          Nodes.management("m-3").build(),
          Nodes.worker("w-1").build(),
          Nodes.management("m-1").build(),
          Nodes.management("m-2").label("node-role.harvesterhci.io/witness", "true").build());

  @Test
  void upgradesManagementNodesFirstThenWorkersEachByName() {
    assertThat(NodeOrder.of(cluster, Optional.empty()))
        .containsExactly("m-1", "m-2", "m-3", "w-1", "w-2");
  }

  @Test
  void movesTheRepoVmHostToTheEndOfItsGroup() {
    assertThat(NodeOrder.of(cluster, Optional.of("m-1")))
        .containsExactly("m-2", "m-3", "m-1", "w-1", "w-2");
    assertThat(NodeOrder.of(cluster, Optional.of("w-1")))
        .containsExactly("m-1", "m-2", "m-3", "w-2", "w-1");
  }

  @Test
  void isTheSameWhateverOrderTheNodesArriveIn() {
    List<NodeView> reversed = new ArrayList<>(cluster);
    Collections.reverse(reversed);
    assertThat(NodeOrder.of(reversed, Optional.of("w-1")))
        .isEqualTo(NodeOrder.of(cluster, Optional.of("w-1")));
  }
}
