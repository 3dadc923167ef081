package io.hvst.simulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.kube.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shortcuts tests use against a running simulated cluster. */
public final class SimTest {

  /** An HTTP answer: status code and body. */
  public record Answer(int code, String body) {
    public String message() {
      try {
        return new ObjectMapper().readTree(body).path("message").asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private SimTest() {}

  public static void awaitShort(Runnable assertion) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(assertion::run);
  }

  /**
   * A client that looks like the controller to the simulator (its User-Agent), without the client's
   * own retries, so each call is one request.
   */
  public static KubernetesClient controllerClient(SimulatedCluster cluster, Duration timeout) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(cluster.client().getConfiguration())
                .withUserAgent(SimulatedCluster.CONTROLLER_USER_AGENT + "/test")
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout((int) timeout.toMillis())
                .build())
        .build();
  }

  /** A JSON merge patch of a node, addressed without a GET. */
  public static Node mergeNode(KubernetesClient client, String node, String json) {
    return client
        .nodes()
        .resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build())
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  public static Node node(KubernetesClient client, String node) {
    return client.nodes().withName(node).get();
  }

  /** POST .../pods/{name}/eviction as kubectl drain sends it. */
  public static Answer evict(SimulatedCluster cluster, String namespace, String pod) {
    String body =
        "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
            + pod
            + "\",\"namespace\":\""
            + namespace
            + "\"}}";
    return post(cluster, "api/v1/namespaces/" + namespace + "/pods/" + pod + "/eviction", body);
  }

  public static Answer post(SimulatedCluster cluster, String path, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(cluster.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static List<Pod> launcherPods(KubernetesClient client, String namespace, String vmi) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("vm.kubevirt.io/name", vmi)
        .list()
        .getItems();
  }

  public static Pod launcherPod(KubernetesClient client, String namespace, String vmi) {
    List<Pod> pods = launcherPods(client, namespace, vmi);
    if (pods.size() != 1) {
      throw new AssertionError("expected one launcher pod of " + vmi + ", found " + pods.size());
    }
    return pods.get(0);
  }

  public static Optional<GenericKubernetesResource> vmi(
      KubernetesClient client, String namespace, String name) {
    return Optional.ofNullable(
        client
            .genericKubernetesResources(KubeVirt.VMI)
            .inNamespace(namespace)
            .withName(name)
            .get());
  }

  public static Json vmiStatus(KubernetesClient client, String namespace, String name) {
    return vmi(client, namespace, name).map(v -> Json.of(v.get("status"))).orElse(Json.EMPTY);
  }

  /** Creates a VirtualMachineInstanceMigration, optionally steered to {@code target}. */
  public static GenericKubernetesResource migrate(
      KubernetesClient client, String namespace, String name, String vmi, String target) {
    GenericKubernetesResource vmim = new GenericKubernetesResource();
    vmim.setApiVersion("kubevirt.io/v1");
    vmim.setKind("VirtualMachineInstanceMigration");
    vmim.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .build());
    vmim.setAdditionalProperty(
        "spec",
        target == null
            ? Map.of("vmiName", vmi)
            : Map.of(
                "vmiName", vmi, "addedNodeSelector", Map.of("kubernetes.io/hostname", target)));
    return client
        .genericKubernetesResources(KubeVirt.MIGRATION)
        .inNamespace(namespace)
        .resource(vmim)
        .create();
  }

  public static Json migrationStatus(KubernetesClient client, String namespace, String name) {
    GenericKubernetesResource vmim =
        client
            .genericKubernetesResources(KubeVirt.MIGRATION)
            .inNamespace(namespace)
            .withName(name)
            .get();
    return vmim == null ? Json.EMPTY : Json.of(vmim.get("status"));
  }
}
