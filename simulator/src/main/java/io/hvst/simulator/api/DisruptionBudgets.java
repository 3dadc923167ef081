package io.hvst.simulator.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.mockwebserver.http.MockResponse;
import io.hvst.simulator.kube.Selectors;
import io.hvst.simulator.kube.Writes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Eviction API's PodDisruptionBudget check: a pod covered by a budget that allows no disruption
 * is refused with 429; an allowed eviction takes one disruption from the budget and records the pod
 * in {@code status.disruptedPods}, as the API server does.
 */
final class DisruptionBudgets {

  private final Store store;
  private final Clock clock;

  DisruptionBudgets(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Optional<MockResponse> admit(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    List<PodDisruptionBudget> budgets =
        store
            .list(
                "/apis/policy/v1/namespaces/" + namespace + "/poddisruptionbudgets",
                PodDisruptionBudget.class)
            .stream()
            .filter(
                b ->
                    b.getSpec() != null
                        && Selectors.matches(b.getSpec().getSelector(), labels(pod)))
            .toList();
    if (budgets.isEmpty()) {
      return Optional.empty();
    }
    if (budgets.size() > 1) {
      return Optional.of(
          Statuses.failure(
              500,
              "InternalError",
              "This pod has more than one PodDisruptionBudget, which the eviction subresource does"
                  + " not support.",
              "pods",
              name));
    }
    PodDisruptionBudget budget = budgets.get(0);
    PodDisruptionBudgetStatus status = budget.getStatus();
    int allowed =
        status == null || status.getDisruptionsAllowed() == null
            ? 0
            : status.getDisruptionsAllowed();
    if (allowed <= 0) {
      return Optional.of(refuse(pod, budget));
    }
    takeOne(budget, name, allowed);
    return Optional.empty();
  }

  private void takeOne(PodDisruptionBudget budget, String pod, int allowed) {
    String path =
        "/apis/policy/v1/namespaces/"
            + budget.getMetadata().getNamespace()
            + "/poddisruptionbudgets/"
            + budget.getMetadata().getName();
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(Writes.op("replace", "/status/disruptionsAllowed", allowed - 1));
    if (budget.getStatus().getDisruptedPods() == null) {
      ops.add(Writes.op("add", "/status/disruptedPods", Map.of()));
    }
    ops.add(Writes.op("add", "/status/disruptedPods/" + pod, clock.instant().toString()));
    store.jsonPatch(path, ops);
  }

  private static MockResponse refuse(Pod pod, PodDisruptionBudget budget) {
    PodDisruptionBudgetStatus s = budget.getStatus();
    int desired = s == null || s.getDesiredHealthy() == null ? 0 : s.getDesiredHealthy();
    int healthy = s == null || s.getCurrentHealthy() == null ? 0 : s.getCurrentHealthy();
    return Statuses.failure(
        429,
        "TooManyRequests",
        LauncherEvictionWebhook.PDB_MESSAGE,
        "pods",
        pod.getMetadata().getName(),
        List.of(
            new StatusCauseBuilder()
                .withReason("DisruptionBudget")
                .withMessage(
                    "The disruption budget "
                        + budget.getMetadata().getName()
                        + " needs "
                        + desired
                        + " healthy pods and has "
                        + healthy
                        + " currently")
                .build()));
  }

  private static Map<String, String> labels(Pod pod) {
    return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
  }
}
