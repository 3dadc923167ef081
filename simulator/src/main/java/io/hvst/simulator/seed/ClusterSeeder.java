package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.ClusterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Creates the simulated cluster's objects: CRDs, namespaces, nodes and VMs. */
public final class ClusterSeeder {

  public static final String VM_NAMESPACE = "default";
  static final List<String> NAMESPACES =
      List.of("harvester-system", "default", "longhorn-system", "cattle-system");

  private ClusterSeeder() {}

  public static void seed(KubernetesClient client, ClusterSpec spec, Clock clock) {
    Crds.install(client);
    NAMESPACES.forEach(
        ns ->
            client
                .namespaces()
                .resource(
                    new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create());
    for (NodePlan plan : spec.nodes()) {
      client.nodes().resource(NodeFactory.node(plan, spec.fromVersion(), clock.instant())).create();
    }
    for (NodePlan plan : spec.nodes()) {
      for (int i = 1; i <= spec.vmsPerNode(); i++) {
        String name = "vm-" + plan.name() + "-" + i;
        client
            .genericKubernetesResources(KubeVirt.VMI)
            .inNamespace(VM_NAMESPACE)
            .resource(VmFactory.vmi(VM_NAMESPACE, name, plan.name(), "host-model", "2Gi", Map.of()))
            .create();
      }
    }
  }
}
