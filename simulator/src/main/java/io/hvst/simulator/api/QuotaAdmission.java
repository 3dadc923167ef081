package io.hvst.simulator.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.simulator.kube.Quantities;
import io.hvst.simulator.kube.QuotaUsage;
import io.hvst.simulator.kube.Writes;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ResourceQuota admission plugin for pod creation: a pod that would take any quota of its
 * namespace past {@code spec.hard} is refused with 403 and the API server's message; an admitted
 * pod's usage is written to {@code status.used} at once, as the plugin does.
 */
public final class QuotaAdmission implements ApiBehaviour {

  private static final Pattern PODS = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods$");

  private final Store store;

  public QuotaAdmission(Store store) {
    this.store = store;
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher dispatcher) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      return null;
    }
    Matcher m = PODS.matcher(Store.route(request));
    return m.matches() ? admit(m.group(1), request) : null;
  }

  private synchronized MockResponse admit(String namespace, RecordedRequest request) {
    List<ResourceQuota> quotas =
        store.list("/api/v1/namespaces/" + namespace + "/resourcequotas", ResourceQuota.class);
    if (quotas.isEmpty()) {
      return store.create(request);
    }
    Pod pod = store.serialization().unmarshal(Store.peekBody(request), Pod.class);
    List<Pod> pods = store.list("/api/v1/namespaces/" + namespace + "/pods", Pod.class);
    Map<String, Long> requested = QuotaUsage.of(pod);
    for (ResourceQuota quota : quotas) {
      Map<String, Long> hard = QuotaUsage.hard(quota);
      Map<String, Long> used = QuotaUsage.used(hard.keySet(), pods);
      Map<String, Long> exceeded = new TreeMap<>();
      hard.forEach(
          (r, limit) -> {
            if (used.get(r) + requested.getOrDefault(r, 0L) > limit) {
              exceeded.put(r, limit);
            }
          });
      if (!exceeded.isEmpty()) {
        return refuse(pod.getMetadata().getName(), quota, exceeded, requested, used);
      }
    }
    MockResponse created = store.create(request);
    if (created.code() == HttpURLConnection.HTTP_CREATED) {
      pods.add(pod);
      quotas.forEach(q -> recordUsage(namespace, q, pods));
    }
    return created;
  }

  private void recordUsage(String namespace, ResourceQuota quota, List<Pod> pods) {
    Map<String, Long> hard = QuotaUsage.hard(quota);
    Map<String, Object> status =
        Map.of(
            "hard", QuotaUsage.quantities(hard),
            "used", QuotaUsage.quantities(QuotaUsage.used(hard.keySet(), pods)));
    store.jsonPatch(
        "/api/v1/namespaces/" + namespace + "/resourcequotas/" + quota.getMetadata().getName(),
        List.of(Writes.op("add", "/status", status)));
  }

  private static MockResponse refuse(
      String pod,
      ResourceQuota quota,
      Map<String, Long> exceeded,
      Map<String, Long> requested,
      Map<String, Long> used) {
    String message =
        String.format(
            "pods \"%s\" is forbidden: exceeded quota: %s, requested: %s, used: %s, limited: %s",
            pod,
            quota.getMetadata().getName(),
            list(exceeded, requested),
            list(exceeded, used),
            list(exceeded, exceeded));
    return Statuses.failure(HttpURLConnection.HTTP_FORBIDDEN, "Forbidden", message, "pods", pod);
  }

  private static String list(Map<String, Long> keys, Map<String, Long> values) {
    return keys.keySet().stream()
        .map(k -> k + "=" + Quantities.format(k, values.getOrDefault(k, 0L)))
        .collect(Collectors.joining(","));
  }
}
