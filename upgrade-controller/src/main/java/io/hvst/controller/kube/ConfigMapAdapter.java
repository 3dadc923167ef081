package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** ConfigMap reads and compare-and-swap writes (the journal lives in one). */
public final class ConfigMapAdapter {

  private final KubernetesClient client;
  private final KubeCalls calls;

  public ConfigMapAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** A fresh read from the API server, bypassing caches. */
  public Optional<ConfigMap> get(String namespace, String name) {
    return Optional.ofNullable(
        calls.call(
            "get configmap " + namespace + "/" + name,
            () -> client.configMaps().inNamespace(namespace).withName(name).get()));
  }

  /** Creates it; a 409 means someone created it first. */
  public ConfigMap create(ConfigMap configMap) {
    String ns = configMap.getMetadata().getNamespace();
    return calls.call(
        "create configmap " + ns + "/" + configMap.getMetadata().getName(),
        () -> client.configMaps().inNamespace(ns).resource(configMap).create());
  }

  /** Replaces it if its resourceVersion is still the one given; a 409 otherwise. */
  public ConfigMap replace(ConfigMap configMap) {
    String ns = configMap.getMetadata().getNamespace();
    return calls.call(
        "update configmap " + ns + "/" + configMap.getMetadata().getName(),
        () -> client.configMaps().inNamespace(ns).resource(configMap).update());
  }
}
