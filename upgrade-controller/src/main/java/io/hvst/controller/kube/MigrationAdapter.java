package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.controller.observe.KubeVirt;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** VirtualMachineInstanceMigrations: created (or adopted) and deleted, to move and to cancel. */
public final class MigrationAdapter {

  private final KubernetesClient client;
  private final KubeCalls calls;

  public MigrationAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /**
   * Creates a migration of {@code vmi} steered to {@code target}; returns its resourceVersion, or
   * empty when one of that name already existed (adopted).
   */
  public Optional<String> create(
      String namespace,
      String name,
      String vmi,
      String target,
      Map<String, String> labels,
      OwnerReference owner) {
    GenericKubernetesResource vmim = new GenericKubernetesResource();
    vmim.setApiVersion("kubevirt.io/v1");
    vmim.setKind("VirtualMachineInstanceMigration");
    vmim.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(labels)
            .withOwnerReferences(owner)
            .build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("vmiName", vmi);
    spec.put("addedNodeSelector", Map.of("kubernetes.io/hostname", target));
    vmim.setAdditionalProperty("spec", spec);
    try {
      GenericKubernetesResource created =
          calls.call(
              "create migration " + namespace + "/" + name,
              () ->
                  client
                      .genericKubernetesResources(KubeVirt.MIGRATION)
                      .inNamespace(namespace)
                      .resource(vmim)
                      .create());
      return Optional.of(created.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Deletes the migration; KubeVirt aborts a migration whose object is deleted. */
  public void delete(String namespace, String name) {
    calls.run(
        "delete migration " + namespace + "/" + name,
        () ->
            client
                .genericKubernetesResources(KubeVirt.MIGRATION)
                .inNamespace(namespace)
                .withName(name)
                .delete());
  }
}
