package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pod evictions (policy/v1 Eviction API, so PodDisruptionBudgets apply) and deletions. A 429 is an
 * answer, not an error: it is returned with the API server's message, never retried here.
 */
public final class PodAdapter {

  /** The API server's answer to an eviction. */
  public record EvictionAnswer(boolean evicted, boolean gone, String refusal) {}

  private final KubernetesClient client;
  private final KubeCalls calls;

  public PodAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  public EvictionAnswer evict(String namespace, String pod) {
    Eviction eviction =
        new EvictionBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(pod)
            .endMetadata()
            .build();
    String body = client.getKubernetesSerialization().asJson(eviction);
    URI uri =
        URI.create(
            client.getMasterUrl().toString().replaceAll("/$", "")
                + "/api/v1/namespaces/"
                + namespace
                + "/pods/"
                + pod
                + "/eviction");
    HttpResponse<String> response =
        calls.call("evict pod " + namespace + "/" + pod, () -> post(uri, body));
    int code = response.code();
    if (code == 200 || code == 201) {
      return new EvictionAnswer(true, false, "");
    }
    if (code == 404) {
      return new EvictionAnswer(false, true, "");
    }
    if (code == 429) {
      return new EvictionAnswer(false, false, message(response.body()));
    }
    throw new KubernetesClientException(
        "eviction of "
            + namespace
            + "/"
            + pod
            + " answered "
            + code
            + ": "
            + message(response.body()),
        code,
        null);
  }

  public void delete(String namespace, String pod, boolean force) {
    calls.run(
        "delete pod " + namespace + "/" + pod,
        () ->
            client
                .pods()
                .inNamespace(namespace)
                .withName(pod)
                .withGracePeriod(force ? 0 : 30)
                .delete());
  }

  private HttpResponse<String> post(URI uri, String body) {
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(uri)
            .post("application/json", body)
            .build();
    try {
      HttpResponse<String> response =
          client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
      if (response.code() >= 500) {
        throw new KubernetesClientException(
            "eviction answered " + response.code(), response.code(), null);
      }
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KubernetesClientException("eviction request failed: " + e.getMessage(), e);
    }
  }

  private String message(String body) {
    try {
      Status status = client.getKubernetesSerialization().unmarshal(body, Status.class);
      return status.getMessage() == null ? "Too Many Requests" : status.getMessage();
    } catch (RuntimeException e) {
      return body == null || body.isBlank() ? "Too Many Requests" : body;
    }
  }
}
