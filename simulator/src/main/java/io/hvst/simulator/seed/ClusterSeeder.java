package io.hvst.simulator.seed;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.kube.Names;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates the simulated cluster's objects: CRDs, namespaces, nodes, system pods and VMs. */
public final class ClusterSeeder {

  public static final String VM_NAMESPACE = "default";
  static final List<String> NAMESPACES =
      List.of("harvester-system", "default", "longhorn-system", "cattle-system", "kube-system");

  /** How many nodes run a harvester-webhook replica (a Deployment pod a drain must evict). */
  static final int WEBHOOK_REPLICAS = 2;

  private ClusterSeeder() {}

  public static void seed(KubernetesClient client, ClusterSpec spec, Clock clock, Names names) {
    Crds.install(client);
    namespaces(spec)
        .forEach(
            ns ->
                client
                    .namespaces()
                    .resource(
                        new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .create());
    seedObjects(client, spec, clock, names);
  }

  /** The namespaces the cluster's objects live in. */
  public static Set<String> namespaces(ClusterSpec spec) {
    Set<String> namespaces = new LinkedHashSet<>(NAMESPACES);
    spec.vms().forEach(vm -> namespaces.add(vm.namespace()));
    return namespaces;
  }

  /**
   * Nodes, system pods and VMs, into a server that already has the CRDs and {@link #namespaces}.
   */
  public static void seedObjects(
      KubernetesClient client, ClusterSpec spec, Clock clock, Names names) {
    for (NodePlan plan : spec.nodes()) {
      client.nodes().resource(NodeFactory.node(plan, spec.fromVersion(), clock.instant())).create();
    }
    seedSystemPods(client, spec, names);
    VmInstances instances = new VmInstances(client, names, clock);
    spec.vms().forEach(instances::create);
  }

  /** Legacy entry point: names drawn from the spec's seed. */
  public static void seed(KubernetesClient client, ClusterSpec spec, Clock clock) {
    seed(client, spec, clock, new Names(spec.seed()));
  }

  private static void seedSystemPods(KubernetesClient client, ClusterSpec spec, Names names) {
    String webhookSet = "harvester-webhook-" + names.hash();
    Map<String, String> webhookLabels =
        Map.of("app.kubernetes.io/name", "harvester", "app.kubernetes.io/component", "webhook");
    List<NodePlan> nodes = spec.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      NodePlan node = nodes.get(i);
      create(
          client,
          SystemPods.daemonSetPod(
              "harvester-system",
              "virt-handler",
              node.name(),
              names.suffix(),
              Map.of("kubevirt.io", "virt-handler")));
      create(
          client,
          SystemPods.daemonSetPod(
              "longhorn-system",
              "longhorn-manager",
              node.name(),
              names.suffix(),
              Map.of("app", "longhorn-manager")));
      if (i < WEBHOOK_REPLICAS) {
        create(
            client,
            SystemPods.replicaSetPod(
                "harvester-system", webhookSet, node.name(), names.suffix(), webhookLabels, true));
      }
      if (node.management()) {
        create(client, SystemPods.mirrorPod("kube-system", "kube-apiserver", node.name()));
      }
    }
  }

  private static void create(KubernetesClient client, Pod pod) {
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
  }
}
