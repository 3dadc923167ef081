package io.hvst.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cutting the controller off the API server: all of its replicas, or one alone. */
class ControllerLinkTest {

  private static final String A = SimulatedCluster.CONTROLLER_USER_AGENT + "/replica-a";
  private static final String B = SimulatedCluster.CONTROLLER_USER_AGENT + "/replica-b";

  private SimulatedCluster cluster;
  private KubernetesClient a;
  private KubernetesClient b;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.start(ClusterSpec.standard(1, 0, 1).withoutVirtHandlerHeartbeat());
    a = client(A);
    b = client(B);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    cluster.close();
  }

  @Test
  void cutsOneReplicaAloneWhileTheOtherAndOtherClientsGetThrough() {
    cluster.controllerLink().cut(A);

    KubernetesClientException refused =
        catchThrowableOfType(
            KubernetesClientException.class, () -> a.nodes().withName("node-1").get());
    assertThat(refused.getCode()).isEqualTo(503);
    assertThat(b.nodes().withName("node-1").get()).isNotNull();
    assertThat(cluster.client().nodes().withName("node-1").get()).isNotNull();
    assertThat(cluster.controllerLink().isCut()).as("the link as a whole stays up").isFalse();
    assertThat(cluster.controllerLink().refused()).isEqualTo(1);
  }

  @Test
  void restoreReconnectsEveryReplica() {
    cluster.controllerLink().cut(A);
    cluster.controllerLink().cut();
    assertThat(
            catchThrowableOfType(
                    KubernetesClientException.class, () -> b.nodes().withName("node-1").get())
                .getCode())
        .isEqualTo(503);

    cluster.controllerLink().restore();

    assertThat(a.nodes().withName("node-1").get()).isNotNull();
    assertThat(b.nodes().withName("node-1").get()).isNotNull();
  }

  /** A replica's client: its own User-Agent, no retries of its own, so each call is one request. */
  private KubernetesClient client(String userAgent) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(cluster.client().getConfiguration())
                .withUserAgent(userAgent)
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }
}
