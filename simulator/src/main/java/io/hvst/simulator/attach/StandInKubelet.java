package io.hvst.simulator.attach;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.simulator.actors.Informers;
import io.hvst.simulator.kube.Writes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * What the simulated nodes' kubelets do on a real API server, where nothing else would: report a
 * new Pod's status (the one the simulator created it with, see {@link CreatedStatuses}), and finish
 * a graceful delete once the "containers" stopped (a final delete with grace period 0; without it
 * an evicted Pod stays Terminating forever). Pods on other nodes are left alone.
 */
final class StandInKubelet {

  private final KubernetesClient client;
  private final CreatedStatuses created;
  private final Set<String> nodes;
  private final Executor executor;
  private final Set<String> finishing = ConcurrentHashMap.newKeySet();

  StandInKubelet(
      KubernetesClient client, CreatedStatuses created, Set<String> nodes, Executor executor) {
    this.client = client;
    this.created = created;
    this.nodes = Set.copyOf(nodes);
    this.executor = executor;
  }

  /** Listens on the simulator's pod informer; call before the informers start. */
  void start(Informers informers) {
    Informers.listen(
        informers.pods(),
        new Informers.Listener<>() {
          @Override
          public void added(Pod pod) {
            seen(pod);
          }

          @Override
          public void updated(Pod before, Pod after) {
            seen(after);
          }
        });
  }

  private void seen(Pod pod) {
    if (pod.getSpec() == null || !nodes.contains(pod.getSpec().getNodeName())) {
      return;
    }
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (finishing.add(pod.getMetadata().getUid())) {
        executor.execute(() -> finishDelete(namespace, name));
      }
      return;
    }
    created.take(namespace, name).ifPresent(s -> executor.execute(() -> report(pod, s)));
  }

  private void finishDelete(String namespace, String name) {
    try {
      client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      // Gone already, or the API server is away: the next event tries again.
    }
  }

  /** Reports {@code status} while the Pod is still Pending as created (never over a later one). */
  private void report(Pod pod, JsonNode status) {
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(Map.of("op", "test", "path", "/status/phase", "value", "Pending"));
    for (Map.Entry<String, JsonNode> field : status.properties()) {
      ops.add(Writes.op("add", "/status/" + field.getKey(), field.getValue()));
    }
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(ops));
    } catch (KubernetesClientException e) {
      // The simulator wrote a newer status first (the test failed), or the Pod is gone.
    }
  }
}
