package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The CRDs the simulated cluster serves: Harvester's real Upgrade CRD and KubeVirt's kinds. */
public final class Crds {

  static final List<String> FILES =
      List.of(
          "harvesterhci.io_upgrades.yaml",
          "harvesterhci.io_versions.yaml",
          "kubevirt.io_virtualmachines.yaml",
          "kubevirt.io_virtualmachineinstances.yaml",
          "kubevirt.io_virtualmachineinstancemigrations.yaml");

  private Crds() {}

  public static void install(KubernetesClient client) {
    for (CustomResourceDefinition crd : definitions(client)) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
  }

  /** Every CRD the simulator serves, as loaded from its resources. */
  public static List<CustomResourceDefinition> definitions(KubernetesClient client) {
    return FILES.stream().map(file -> load(client, file)).toList();
  }

  static CustomResourceDefinition load(KubernetesClient client, String file) {
    try (InputStream in = Crds.class.getResourceAsStream("/crds/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /crds/" + file);
      }
      return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
