package io.hvst.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON merge patches are applied as RFC 7386 says, where the plain mock would not. */
class MergePatchBehaviourTest {

  @Test
  void aListInTheMergePatchReplacesTheStoredListAndNullRemovesAKey() {
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterSpec.standard(1, 0, 1))) {
      var nodes = cluster.client().nodes();
      nodes
          .withName("node-1")
          .edit(
              n -> {
                n.getMetadata().getLabels().put("team", "a");
                return n;
              });

      String patch =
          "{\"metadata\":{\"labels\":{\"team\":null}},"
              + "\"spec\":{\"taints\":[{\"key\":\"only\",\"effect\":\"NoSchedule\"}]}}";
      nodes.withName("node-1").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      nodes
          .withName("node-1")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"taints\":[{\"key\":\"other\",\"effect\":\"NoExecute\"}]}}");

      var node = nodes.withName("node-1").get();
      assertThat(node.getMetadata().getLabels()).doesNotContainKey("team");
      assertThat(node.getSpec().getTaints())
          .singleElement()
          .satisfies(t -> assertThat(t.getKey()).isEqualTo("other"));
    }
  }

  @Test
  void nestedObjectsMergeKeyByKey() {
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterSpec.standard(1, 0, 1))) {
      ConfigMap cm =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName("cm")
              .withNamespace("default")
              .endMetadata()
              .withData(Map.of("a", "1", "b", "2"))
              .build();
      var cms = cluster.client().configMaps().inNamespace("default");
      cms.resource(cm).create();
      cms.withName("cm")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"b\":null,\"c\":\"3\"}}");
      assertThat(cms.withName("cm").get().getData())
          .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "c", "3"));
      assertThat(List.of(cms.withName("cm").get().getData().keySet().toArray()))
          .doesNotContain("b");
    }
  }
}
