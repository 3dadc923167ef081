package io.hvst.simulator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the simulated components make through the API: merge patches addressed by a skeleton
 * object (no GET before the PATCH), status replacements guarded by a resourceVersion, deletes.
 */
public final class Writes {

  private final KubernetesClient client;

  public Writes(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  public static GenericKubernetesResource skeleton(
      ResourceDefinitionContext ctx, String namespace, String name) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(ctx.getGroup() + "/" + ctx.getVersion());
    r.setKind(ctx.getKind());
    r.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return r;
  }

  /** JSON merge patch of a KubeVirt object; false when it is gone. */
  public boolean merge(
      ResourceDefinitionContext ctx, String namespace, String name, Map<String, Object> patch) {
    try {
      client
          .genericKubernetesResources(ctx)
          .inNamespace(namespace)
          .resource(skeleton(ctx, namespace, name))
          .patch(PatchContext.of(PatchType.JSON_MERGE), json(patch));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** JSON merge patch of a typed object; false when it is gone. */
  public <T extends HasMetadata> boolean merge(T skeleton, Map<String, Object> patch) {
    try {
      client.resource(skeleton).patch(PatchContext.of(PatchType.JSON_MERGE), json(patch));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Replaces the whole status if the object is still at {@code resourceVersion}, as a controller's
   * status update does; false on a conflict or when the object is gone (the caller looks again).
   */
  public <T extends HasMetadata> boolean replaceStatus(
      T skeleton, String resourceVersion, Object status) {
    List<Map<String, Object>> ops =
        List.of(
            op("replace", "/metadata/resourceVersion", resourceVersion),
            op("add", "/status", status));
    try {
      client.resource(skeleton).patch(PatchContext.of(PatchType.JSON), json(ops));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  public boolean delete(ResourceDefinitionContext ctx, String namespace, String name) {
    return !client
        .genericKubernetesResources(ctx)
        .inNamespace(namespace)
        .withName(name)
        .delete()
        .isEmpty();
  }

  public boolean deletePod(String namespace, String name) {
    return !client.pods().inNamespace(namespace).withName(name).delete().isEmpty();
  }

  public String json(Object value) {
    return client.getKubernetesSerialization().asJson(value);
  }

  public static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    m.put("value", value);
    return m;
  }

  /** A map with the given key/value pairs, in order, allowing null values (merge-patch removes). */
  public static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
