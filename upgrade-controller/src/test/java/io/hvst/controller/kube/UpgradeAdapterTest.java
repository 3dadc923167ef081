package io.hvst.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradeAdapterTest {

  @Test
  void theStatusPatchRemovesANodeReasonThatNoLongerApplies() throws Exception {
    UpgradeStatus status = new UpgradeStatus();
    Map<String, NodeUpgradeStatus> nodes = new LinkedHashMap<>();
    nodes.put("node-1", new NodeUpgradeStatus("Succeeded", "", ""));
    nodes.put("node-2", new NodeUpgradeStatus("Pre-draining", "CordonSettling", "Waiting."));
    status.setNodeStatuses(nodes);
    status.setConditions(List.of(new UpgradeCondition("Completed", "Unknown", "R", "m")));

    JsonNode patch =
        new ObjectMapper()
            .readTree(
                new KubernetesSerialization()
                    .asJson(UpgradeAdapter.statusPatch("42", "Upgrading", status)));

    JsonNode node1 = patch.at("/status/nodeStatuses/node-1");
    assertThat(node1.get("state").asText()).isEqualTo("Succeeded");
    assertThat(node1.has("reason")).as("reason sent, as null, to remove it").isTrue();
    assertThat(node1.get("reason").isNull()).isTrue();
    assertThat(node1.get("message").isNull()).isTrue();
    JsonNode node2 = patch.at("/status/nodeStatuses/node-2");
    assertThat(node2.get("reason").asText()).isEqualTo("CordonSettling");
    assertThat(node2.get("message").asText()).isEqualTo("Waiting.");
    assertThat(patch.at("/metadata/resourceVersion").asText()).isEqualTo("42");
    assertThat(patch.at("/status/conditions/0/reason").asText()).isEqualTo("R");
    assertThat(patch.at("/status").has("previousVersion"))
        .as("an unknown previous version is left as it is")
        .isFalse();
  }
}
