package io.hvst.simulator.api;

import static io.hvst.simulator.SimTest.controllerClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flaky API server for the controller's requests, and only for them. */
class ApiFaultsTest {

  private SimulatedCluster cluster;
  private KubernetesClient controller;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.start(ClusterSpec.standard(1, 0, 1).withoutVirtHandlerHeartbeat());
    controller = controllerClient(cluster, Duration.ofSeconds(5));
    cluster.client().configMaps().inNamespace("default").resource(configMap("cm")).create();
  }

  @AfterEach
  void stop() {
    controller.close();
    cluster.close();
  }

  @Test
  void errorsHitTheControllersRequestsAtTheRateWithTheCodesAndAreCountedByCode() {
    cluster.apiFaults().errors(0.5, 500, 503).on();

    Map<Integer, Long> seen = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      try {
        controller.configMaps().inNamespace("default").withName("cm").get();
        seen.merge(200, 1L, Long::sum);
      } catch (KubernetesClientException e) {
        seen.merge(e.getCode(), 1L, Long::sum);
      }
    }

    assertThat(seen).containsOnlyKeys(200, 500, 503);
    assertThat(seen.get(200)).isBetween(70L, 130L);
    assertThat(cluster.apiFaults().injectedErrors())
        .isEqualTo(Map.of(500, seen.get(500), 503, seen.get(503)));
  }

  @Test
  void otherClientsListsAndWatchesAreNeverFailed() throws Exception {
    cluster.apiFaults().errors(1, 500, 503).on();

    assertThat(cluster.client().configMaps().inNamespace("default").withName("cm").get())
        .isNotNull();
    assertThat(controller.configMaps().inNamespace("default").list().getItems()).isNotEmpty();
    SharedIndexInformer<ConfigMap> informer =
        controller.configMaps().inNamespace("default").runnableInformer(0);
    informer.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    cluster.client().configMaps().inNamespace("default").resource(configMap("late")).create();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> informer.getStore().getByKey("default/late") != null);
    informer.close();
    assertThat(cluster.apiFaults().injectedErrors()).isEmpty();
  }

  @Test
  void aConflictAnswersWritesOnlyAsTheApiServerWordsIt() {
    cluster.apiFaults().errors(1, 409).on();

    assertThat(controller.configMaps().inNamespace("default").withName("cm").get()).isNotNull();
    KubernetesClientException patch =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                controller
                    .configMaps()
                    .inNamespace("default")
                    .resource(configMap("cm"))
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"2\"}}"));
    KubernetesClientException create =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                controller.configMaps().inNamespace("default").resource(configMap("new")).create());

    assertThat(patch.getCode()).isEqualTo(409);
    assertThat(patch.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(patch.getStatus().getMessage())
        .startsWith(
            "Operation cannot be fulfilled on configmaps \"cm\": the object has been modified");
    assertThat(create.getStatus().getReason()).isEqualTo("AlreadyExists");
    assertThat(create.getStatus().getMessage()).isEqualTo("configmaps \"new\" already exists");
    assertThat(cluster.client().configMaps().inNamespace("default").withName("new").get()).isNull();
    assertThat(cluster.apiFaults().injected(409)).isEqualTo(2);
  }

  @Test
  void aSlowAnswerComesLateAndSwitchedOffNothingIsInjected() {
    cluster.apiFaults().slow(1, Duration.ofMillis(400)).on();
    Instant start = Instant.now();
    controller.configMaps().inNamespace("default").withName("cm").get();
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(cluster.apiFaults().slowed()).isEqualTo(1);

    cluster.apiFaults().off();
    controller.configMaps().inNamespace("default").withName("cm").get();
    assertThat(cluster.apiFaults().slowed()).isEqualTo(1);
  }

  @Test
  void aWriteThatTimesOutStillHappens() {
    try (KubernetesClient impatient = controllerClient(cluster, Duration.ofMillis(300))) {
      cluster.apiFaults().timeouts(1, Duration.ofMillis(300)).on();

      assertThatThrownBy(
              () ->
                  impatient
                      .configMaps()
                      .inNamespace("default")
                      .resource(configMap("cm"))
                      .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"2\"}}"))
          .isInstanceOf(KubernetesClientException.class);

      assertThat(cluster.apiFaults().timedOut()).isEqualTo(1);
      assertThat(cluster.client().configMaps().inNamespace("default").withName("cm").get())
          .satisfies(cm -> assertThat(cm.getData()).containsEntry("a", "2"));
    }
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(name)
        .endMetadata()
        .withData(Map.of("a", "1"))
        .build();
  }
}
