package io.hvst.simulator.attach;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Sends the simulator's status writes where a real API server takes them. The simulated components
 * patch Pods, Nodes and Jobs on the main resource, which is all the mock has; a real server ignores
 * {@code status} there. This client interceptor sends a status-only patch to {@code /status}
 * instead, and splits a mixed one (first the status half, then the rest). It also notes the status
 * a Pod was created with, which a real server drops on create ({@link CreatedStatuses}).
 *
 * <p>PodDisruptionBudget and ResourceQuota status stay where they are sent: on a real cluster the
 * disruption and quota controllers own them.
 */
final class StatusRouting implements Interceptor {

  private static final Pattern WITH_STATUS =
      Pattern.compile(
          "/api/v1/nodes/[^/]+|/api/v1/namespaces/[^/]+/pods/[^/]+"
              + "|/apis/batch/v1/namespaces/[^/]+/jobs/[^/]+");
  private static final long TIMEOUT_SECONDS = 30;

  private final HttpClient plain;
  private final CreatedStatuses created;

  /**
   * @param plain an HTTP client without this interceptor, for the status half of a split patch
   */
  StatusRouting(HttpClient plain, CreatedStatuses created) {
    this.plain = plain;
    this.created = created;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!(builder instanceof HttpRequest.Builder rewrite)) {
      return;
    }
    String path = request.uri().getPath();
    String body = request.bodyString();
    if (body == null) {
      return;
    }
    if ("POST".equals(request.method())) {
      created.recordCreate(path, body);
      return;
    }
    if (!"PATCH".equals(request.method()) || !WITH_STATUS.matcher(path).matches()) {
      return;
    }
    StatusSplit split = StatusSplit.of(body);
    String contentType = request.header("Content-Type");
    if (split.statusOnly()) {
      rewrite.uri(statusUri(request.uri()));
    } else if (split.mixed()) {
      patchStatus(statusUri(request.uri()), contentType, split.status().orElseThrow());
      rewrite.method("PATCH", contentType, split.main().orElseThrow());
    }
  }

  private void patchStatus(URI uri, String contentType, String patch) {
    HttpRequest request =
        plain.newHttpRequestBuilder().uri(uri).method("PATCH", contentType, patch).build();
    try {
      HttpResponse<String> response =
          plain.sendAsync(request, String.class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!response.isSuccessful()) {
        throw new KubernetesClientException(
            "PATCH " + uri + " answered " + response.code() + ": " + response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while patching " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KubernetesClientException("cannot patch " + uri, e);
    }
  }

  static URI statusUri(URI uri) {
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String base = uri.toString();
    int at = query.isEmpty() ? base.length() : base.indexOf('?');
    return URI.create(base.substring(0, at) + "/status" + query);
  }
}
