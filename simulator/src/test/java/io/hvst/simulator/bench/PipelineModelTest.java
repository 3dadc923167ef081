package io.hvst.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.simulator.bench.PipelineModel.NodeParts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline overlaps one evacuation with one upgrade, never more. */
class PipelineModelTest {

  @Test
  void oneNodeHasNothingToOverlap() {
    List<NodeParts> one = List.of(new NodeParts(3000, 1000));
    assertThat(PipelineModel.pipelinedMs(100, one, 2000)).isEqualTo(6100);
    assertThat(PipelineModel.serialMs(100, one, 2000)).isEqualTo(6100);
  }

  @Test
  void evacuationsLongerThanUpgradesSetThePace() {
    // E=3, U=1: evacuations run back to back (0-3, 3-6, 6-9), the last upgrade ends at 10.
    List<NodeParts> nodes = List.of(new NodeParts(3, 1), new NodeParts(3, 1), new NodeParts(3, 1));
    assertThat(PipelineModel.pipelinedMs(0, nodes, 0)).isEqualTo(10);
    assertThat(PipelineModel.serialMs(0, nodes, 0)).isEqualTo(12);
  }

  @Test
  void upgradesLongerThanEvacuationsSetThePaceAndAtMostTwoNodesAreOut() {
    // E=1, U=3. Node 1: E 0-1, U 1-4. Node 2: E 1-2, U 4-7. Node 3 may evacuate only once
    // node 1 is back (4): E 4-5, U 7-10.
    List<NodeParts> nodes = List.of(new NodeParts(1, 3), new NodeParts(1, 3), new NodeParts(1, 3));
    assertThat(PipelineModel.pipelinedMs(0, nodes, 0)).isEqualTo(10);
    assertThat(PipelineModel.serialMs(0, nodes, 0)).isEqualTo(12);
  }

  @Test
  void headAndTailAreAddedAsMeasured() {
    List<NodeParts> nodes = List.of(new NodeParts(2, 2), new NodeParts(2, 2));
    assertThat(PipelineModel.pipelinedMs(5, nodes, 7)).isEqualTo(5 + 6 + 7);
  }
}
