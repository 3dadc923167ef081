package io.hvst.simulator.attach;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The simulated nodes' heartbeats: a kubelet renews its Lease in {@code kube-node-lease} every 10
 * seconds, and the node lifecycle controller marks a node whose Lease (and Ready condition) went
 * stale for 40 seconds NotReady, taints it and evicts its pods. The mock has no such controller.
 */
final class NodeLeases {

  static final String NAMESPACE = "kube-node-lease";
  static final Duration RENEW_EVERY = Duration.ofSeconds(10);
  static final int LEASE_SECONDS = 40;

  private final KubernetesClient client;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final List<String> nodes;

  NodeLeases(
      KubernetesClient client, ScheduledExecutorService timers, Clock clock, List<String> nodes) {
    this.client = client;
    this.timers = timers;
    this.clock = clock;
    this.nodes = List.copyOf(nodes);
  }

  /** Renews every node's Lease now, then every {@link #RENEW_EVERY}. */
  void start() {
    renewAll();
    ScheduledFuture<?> unused =
        timers.scheduleAtFixedRate(
            this::renewAll, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void renewAll() {
    for (String node : nodes) {
      try {
        renew(node);
      } catch (KubernetesClientException e) {
        // Missed beat; the next one comes in RENEW_EVERY, well within the grace period.
      }
    }
  }

  private void renew(String node) {
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    var leases = client.leases().inNamespace(NAMESPACE);
    if (leases.withName(node).get() == null) {
      Lease lease =
          new LeaseBuilder()
              .withNewMetadata()
              .withNamespace(NAMESPACE)
              .withName(node)
              .endMetadata()
              .withNewSpec()
              .withHolderIdentity(node)
              .withLeaseDurationSeconds(LEASE_SECONDS)
              .withRenewTime(now)
              .endSpec()
              .build();
      leases.resource(lease).create();
      return;
    }
    String patch =
        client.getKubernetesSerialization().asJson(Map.of("spec", Map.of("renewTime", micro(now))));
    leases.withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /** A MicroTime as the API server writes it. */
  static String micro(ZonedDateTime t) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
        .format(t);
  }
}
