package io.hvst.controller.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the Upgrade's status and state label. The CRD has no status subresource, so status goes
 * through the main resource, as a JSON merge patch guarded by the resourceVersion we read.
 */
public final class UpgradeAdapter {

  private final KubernetesClient client;
  private final KubeCalls calls;

  public UpgradeAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** Removes an annotation (a control request that has been acted on). */
  public void removeAnnotation(String namespace, String name, String key) {
    String escaped = key.replace("~", "~0").replace("/", "~1");
    String patch = "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/" + escaped + "\"}]";
    try {
      calls.call(
          "remove annotation " + key + " of " + namespace + "/" + name,
          () ->
              client
                  .resources(Upgrade.class)
                  .inNamespace(namespace)
                  .resource(named(namespace, name))
                  .patch(PatchContext.of(PatchType.JSON), patch));
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() != 422 && e.getCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * The JSON merge patch of the status. A node's reason and message are sent even when empty, as
   * null, which removes them: a merge patch that leaves a key out keeps the old value, so a node
   * that moved on from a wait would keep showing it ("UncordonPending" on a Succeeded node), and
   * every later pass would find the status differing from its view and patch it again.
   */
  static Map<String, Object> statusPatch(
      String resourceVersion, String stateLabel, UpgradeStatus status) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", resourceVersion);
    metadata.put("labels", Map.of(Upgrade.STATE_LABEL, stateLabel));
    Map<String, Object> nodes = new LinkedHashMap<>();
    status
        .getNodeStatuses()
        .forEach(
            (node, s) -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("state", s.getState());
              entry.put("reason", emptyToNull(s.getReason()));
              entry.put("message", emptyToNull(s.getMessage()));
              nodes.put(node, entry);
            });
    Map<String, Object> body = new LinkedHashMap<>(status.getOther());
    if (!nodes.isEmpty()) {
      body.put("nodeStatuses", nodes);
    }
    if (!status.getConditions().isEmpty()) {
      body.put("conditions", status.getConditions());
    }
    if (status.getPreviousVersion() != null && !status.getPreviousVersion().isEmpty()) {
      body.put("previousVersion", status.getPreviousVersion());
    }
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("metadata", metadata);
    patch.put("status", body);
    return patch;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** A name-only Upgrade: patching through it saves fabric8's GET before every patch. */
  private static Upgrade named(String namespace, String name) {
    Upgrade upgrade = new Upgrade();
    upgrade.getMetadata().setNamespace(namespace);
    upgrade.getMetadata().setName(name);
    return upgrade;
  }

  /** Returns the Upgrade's new resourceVersion; throws a 409 when it changed since we read it. */
  public String patchStatus(
      String namespace,
      String name,
      String resourceVersion,
      String stateLabel,
      UpgradeStatus status) {
    String body =
        client
            .getKubernetesSerialization()
            .asJson(statusPatch(resourceVersion, stateLabel, status));
    Upgrade updated =
        calls.call(
            "patch upgrade status " + namespace + "/" + name,
            () ->
                client
                    .resources(Upgrade.class)
                    .inNamespace(namespace)
                    .resource(named(namespace, name))
                    .patch(PatchContext.of(PatchType.JSON_MERGE), body));
    return updated.getMetadata().getResourceVersion();
  }
}
