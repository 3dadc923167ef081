package io.hvst.simulator.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StatusSplitTest {

  @Test
  void sendsAMergePatchOfOnlyStatusWholeToTheStatusSubresource() {
    StatusSplit split = StatusSplit.of("{\"status\":{\"phase\":\"Failed\"}}");

    assertThat(split.statusOnly()).isTrue();
    assertThat(split.status()).contains("{\"status\":{\"phase\":\"Failed\"}}");
  }

  @Test
  void leavesAMergePatchWithoutStatusOnTheMainResource() {
    StatusSplit split = StatusSplit.of("{\"spec\":{\"nodeName\":\"node-2\"}}");

    assertThat(split.status()).isEmpty();
    assertThat(split.main()).contains("{\"spec\":{\"nodeName\":\"node-2\"}}");
  }

  @Test
  void splitsAMergePatchOfSpecAndStatusInTwo() {
    StatusSplit split =
        StatusSplit.of(
            "{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"status\":{\"phase\":\"Running\"}}");

    assertThat(split.mixed()).isTrue();
    assertThat(split.main()).contains("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
    assertThat(split.status()).contains("{\"status\":{\"phase\":\"Running\"}}");
  }

  @Test
  void keepsAResourceVersionPreconditionWithAStatusOnlyJsonPatch() {
    String replace =
        "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"7\"},"
            + "{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"used\":{}}}]";

    StatusSplit split = StatusSplit.of(replace);

    assertThat(split.statusOnly()).isTrue();
    assertThat(split.status()).contains(replace);
  }

  @Test
  void splitsARebootedNodesJsonPatchIntoLabelsAndTaintsThenConditionsAndImage() {
    String comeBack =
        "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"x\":\"y\"}},"
            + "{\"op\":\"add\",\"path\":\"/spec/taints\",\"value\":[]},"
            + "{\"op\":\"add\",\"path\":\"/status/conditions\",\"value\":[]},"
            + "{\"op\":\"add\",\"path\":\"/status/nodeInfo/osImage\",\"value\":\"Harvester v1.5.0\"}]";

    StatusSplit split = StatusSplit.of(comeBack);

    assertThat(split.mixed()).isTrue();
    assertThat(split.main().orElseThrow())
        .contains("/metadata/labels", "/spec/taints")
        .doesNotContain("/status");
    assertThat(split.status().orElseThrow())
        .contains("/status/conditions", "/status/nodeInfo/osImage")
        .doesNotContain("/spec", "/metadata");
  }

  @Test
  void addsStatusToThePathAndKeepsTheQuery() {
    assertThat(
            StatusRouting.statusUri(
                URI.create("https://k3s:6443/api/v1/namespaces/default/pods/p?fieldManager=x")))
        .hasToString("https://k3s:6443/api/v1/namespaces/default/pods/p/status?fieldManager=x");
    assertThat(StatusRouting.statusUri(URI.create("https://k3s:6443/api/v1/nodes/node-1")))
        .hasToString("https://k3s:6443/api/v1/nodes/node-1/status");
  }
}
