package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Taint;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Node writes. JSON merge patches only: the API server applies them, no read-modify-write. */
public final class NodeAdapter {

  private final KubernetesClient client;
  private final KubeCalls calls;

  public NodeAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** A name-only Node: patching through it saves fabric8's GET before every patch. */
  static Node named(String node) {
    return new NodeBuilder().withNewMetadata().withName(node).endMetadata().build();
  }

  /**
   * Sets and removes labels and adds taints (replacing a taint with the same key and effect), as
   * one merge patch guarded by the node's resourceVersion; returns the new resourceVersion.
   */
  public String patchScheduling(
      String node,
      Map<String, String> setLabels,
      List<String> removeLabels,
      List<Taint> addTaints) {
    Node current = calls.call("get node " + node, () -> client.nodes().withName(node).get());
    if (current == null) {
      throw new KubernetesClientException(
          "node " + node + " does not exist", HttpURLConnection.HTTP_NOT_FOUND, null);
    }
    Map<String, Object> labels = new LinkedHashMap<>(setLabels);
    removeLabels.forEach(k -> labels.put(k, null));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", current.getMetadata().getResourceVersion());
    metadata.put("labels", labels);
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("metadata", metadata);
    if (!addTaints.isEmpty()) {
      patch.put("spec", Map.of("taints", merged(current, addTaints)));
    }
    String body = client.getKubernetesSerialization().asJson(patch);
    Node updated =
        calls.call(
            "patch scheduling of node " + node,
            () ->
                client
                    .nodes()
                    .resource(named(node))
                    .patch(PatchContext.of(PatchType.JSON_MERGE), body));
    return updated.getMetadata().getResourceVersion();
  }

  private static List<io.fabric8.kubernetes.api.model.Taint> merged(Node current, List<Taint> add) {
    List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>();
    if (current.getSpec() != null && current.getSpec().getTaints() != null) {
      current.getSpec().getTaints().stream()
          .filter(
              t ->
                  add.stream()
                      .noneMatch(
                          a -> a.key().equals(t.getKey()) && a.effect().equals(t.getEffect())))
          .forEach(taints::add);
    }
    add.forEach(
        a ->
            taints.add(
                new TaintBuilder()
                    .withKey(a.key())
                    .withValue(a.value().isEmpty() ? null : a.value())
                    .withEffect(a.effect())
                    .build()));
    return taints;
  }

  /**
   * Sets {@code spec.unschedulable}; a cordon also puts {@code mark} on the node (and an uncordon
   * removes it), so a later pass can tell our cordon landed. Returns the new resourceVersion.
   */
  public String setUnschedulable(String node, boolean unschedulable, String mark) {
    String annotation = unschedulable ? "\"" + mark + "\"" : "null";
    String patch =
        "{\"metadata\":{\"annotations\":{\""
            + NodeView.CORDON_MARK
            + "\":"
            + annotation
            + "}},"
            + "\"spec\":{\"unschedulable\":"
            + unschedulable
            + "}}";
    Node updated =
        calls.call(
            "patch node " + node,
            () ->
                client
                    .nodes()
                    .resource(named(node))
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    return updated.getMetadata().getResourceVersion();
  }
}
