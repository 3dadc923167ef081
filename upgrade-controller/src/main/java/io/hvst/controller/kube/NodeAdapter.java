package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

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

  /** Sets {@code spec.unschedulable}; returns the node's new resourceVersion. */
  public String setUnschedulable(String node, boolean unschedulable) {
    String patch = "{\"spec\":{\"unschedulable\":" + unschedulable + "}}";
    Node updated =
        calls.call(
            "patch node " + node,
            () ->
                client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    return updated.getMetadata().getResourceVersion();
  }
}
