package io.hvst.simulator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hvst.simulator.actors.ReplicaSetController;
import io.hvst.simulator.api.EvictionBehaviour;
import io.hvst.simulator.kube.Names;
import io.hvst.simulator.kube.QuotaUsage;
import io.hvst.simulator.seed.SystemPods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a scenario adds to the running cluster: Deployment pods, PodDisruptionBudgets over them,
 * ResourceQuotas. Everything is created through the API, so the simulated controllers take over.
 */
public final class Workloads {

  /** The annotation on a ResourceQuota that asks the upgrade controller never to raise it. */
  public static final String NO_QUOTA_RAISE = "upgrade.hvst.io/no-quota-raise";

  public static final String POLICY_NAMESPACE = "harvester-system";
  public static final String POLICY_CONFIG_MAP = "hvst-scheduling-policy";

  private final KubernetesClient client;
  private final Names names;
  private final ReplicaSetController replicaSets;
  private final Optional<EvictionBehaviour> evictions;
  private final Map<String, String> replicaSetOf = new LinkedHashMap<>();

  Workloads(
      KubernetesClient client,
      Names names,
      ReplicaSetController replicaSets,
      Optional<EvictionBehaviour> evictions) {
    this.evictions = evictions;
    this.client = client;
    this.names = names;
    this.replicaSets = replicaSets;
  }

  /** A Deployment {@code app} with one Ready pod on each node (label {@code app=<app>}). */
  public synchronized List<Pod> deployment(String namespace, String app, String... nodes) {
    List<Pod> pods = new ArrayList<>();
    for (String node : nodes) {
      pods.add(replica(namespace, app, node, true));
    }
    return pods;
  }

  /** One more replica of {@code app} on {@code node}, Ready only after {@code readyAfter}. */
  public synchronized Pod startingReplica(
      String namespace, String app, String node, Duration readyAfter) {
    Pod pod = replica(namespace, app, node, false);
    replicaSets.readyAfter(namespace, pod.getMetadata().getName(), readyAfter);
    return pod;
  }

  private Pod replica(String namespace, String app, String node, boolean ready) {
    return create(
        SystemPods.replicaSetPod(
            namespace,
            replicaSet(namespace, app),
            node,
            names.suffix(),
            labels(namespace, app),
            ready));
  }

  /** A PodDisruptionBudget with {@code spec.minAvailable} over the pods labelled {@code app}. */
  public PodDisruptionBudget pdbMinAvailable(String namespace, String app, int minAvailable) {
    return pdb(namespace, app, new IntOrString(minAvailable), null);
  }

  /** A PodDisruptionBudget with {@code spec.maxUnavailable} over the pods labelled {@code app}. */
  public PodDisruptionBudget pdbMaxUnavailable(String namespace, String app, int maxUnavailable) {
    return pdb(namespace, app, null, new IntOrString(maxUnavailable));
  }

  /** A Deployment on {@code nodes} whose budget never allows an eviction (minAvailable = pods). */
  public PodDisruptionBudget blockingPdb(String namespace, String app, String... nodes) {
    deployment(namespace, app, nodes);
    return pdbMinAvailable(namespace, app, nodes.length);
  }

  /**
   * A Deployment on {@code nodes} whose budget refuses evictions for {@code blockFor} after the
   * first one it refuses, then allows one: one more replica (on the last node) is still starting
   * and turns Ready that long after the first refusal, so the drain always meets the budget however
   * slowly it gets there. Attached to a real API server, which refuses by itself, the time counts
   * from now.
   */
  public PodDisruptionBudget pdbBlockingFor(
      String namespace, String app, Duration blockFor, String... nodes) {
    deployment(namespace, app, nodes);
    String starting =
        replica(namespace, app, nodes[nodes.length - 1], false).getMetadata().getName();
    Runnable ready = () -> replicaSets.readyAfter(namespace, starting, blockFor);
    evictions.ifPresentOrElse(
        e ->
            e.onFirstRefusal(
                pod ->
                    namespace.equals(pod.getMetadata().getNamespace())
                        && pod.getMetadata().getLabels() != null
                        && app.equals(pod.getMetadata().getLabels().get("app")),
                ready),
        ready);
    return pdbMinAvailable(namespace, app, nodes.length);
  }

  /** A ResourceQuota, e.g. {@code quota("default", "vms", Map.of("requests.memory", "8Gi"))}. */
  public ResourceQuota quota(String namespace, String name, Map<String, String> hard) {
    return quota(namespace, name, hard, false);
  }

  /** A ResourceQuota whose owner asked that upgrades never raise it. */
  public ResourceQuota quotaWithoutRaise(String namespace, String name, Map<String, String> hard) {
    return quota(namespace, name, hard, true);
  }

  /**
   * A ResourceQuota whose {@code hard} is exactly what the namespace's pods use now: full, so every
   * new pod (a migration target among them) is refused until someone raises it.
   */
  public ResourceQuota fullQuota(String namespace, String name, String... resources) {
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    Map<String, String> hard = new TreeMap<>();
    QuotaUsage.quantities(QuotaUsage.used(List.of(resources), pods))
        .forEach((k, v) -> hard.put(k, v.toString()));
    return quota(namespace, name, hard, false);
  }

  /** The controller's persistent scheduling policy, ConfigMap {@value #POLICY_CONFIG_MAP}. */
  public ConfigMap schedulingPolicy(Map<String, String> data) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(POLICY_NAMESPACE)
            .withName(POLICY_CONFIG_MAP)
            .endMetadata()
            .withData(data)
            .build();
    return client.configMaps().inNamespace(POLICY_NAMESPACE).resource(cm).createOr(c -> c.update());
  }

  private ResourceQuota quota(
      String namespace, String name, Map<String, String> hard, boolean noRaise) {
    Map<String, Quantity> amounts = new TreeMap<>();
    hard.forEach((k, v) -> amounts.put(k, new Quantity(v)));
    ResourceQuota quota =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withAnnotations(noRaise ? Map.of(NO_QUOTA_RAISE, "true") : null)
            .endMetadata()
            .withNewSpec()
            .withHard(amounts)
            .endSpec()
            .build();
    return client.resourceQuotas().inNamespace(namespace).resource(quota).create();
  }

  private PodDisruptionBudget pdb(
      String namespace, String app, IntOrString minAvailable, IntOrString maxUnavailable) {
    PodDisruptionBudget pdb =
        new PodDisruptionBudgetBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(app + "-pdb")
            .endMetadata()
            .withNewSpec()
            .withMinAvailable(minAvailable)
            .withMaxUnavailable(maxUnavailable)
            .withNewSelector()
            .withMatchLabels(Map.of("app", app))
            .endSelector()
            .endSpec()
            .build();
    return client.policy().v1().podDisruptionBudget().inNamespace(namespace).resource(pdb).create();
  }

  private String replicaSet(String namespace, String app) {
    return replicaSetOf.computeIfAbsent(namespace + "/" + app, k -> app + "-" + names.hash());
  }

  private Map<String, String> labels(String namespace, String app) {
    String rs = replicaSet(namespace, app);
    return Map.of("app", app, "pod-template-hash", rs.substring(app.length() + 1));
  }

  private Pod create(Pod pod) {
    return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
  }
}
