package io.hvst.simulator.api;

import static io.hvst.simulator.SimTest.awaitShort;
import static io.hvst.simulator.SimTest.controllerClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.api.JournalWrites.Write;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller's journal writes are numbered, and a test can act at one of them. */
class JournalWritesTest {

  private static final String NS = "harvester-system";

  private SimulatedCluster cluster;
  private KubernetesClient controller;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.start(ClusterSpec.standard(1, 0, 1).withoutVirtHandlerHeartbeat());
    controller = controllerClient(cluster, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    controller.close();
    cluster.close();
  }

  @Test
  void theControllersJournalWritesAreNumberedAndListenersHearOfThemOnTheirOwnThread() {
    List<Write> heard = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    cluster
        .journalWrites()
        .onWrite(
            w -> {
              heard.add(w);
              threads.add(Thread.currentThread().getName());
            });

    ConfigMap created =
        controller.configMaps().inNamespace(NS).resource(journal("u1", "1")).create();
    controller.configMaps().inNamespace(NS).resource(journal("u1", "2")).update();
    controller.configMaps().inNamespace(NS).resource(configMap("not-a-journal", "1")).create();
    cluster.client().configMaps().inNamespace(NS).resource(journal("u1", "3")).update();
    assertThatThrownBy(
            () -> controller.configMaps().inNamespace(NS).resource(next(created, "4")).update())
        .isInstanceOf(KubernetesClientException.class);

    awaitShort(
        () -> assertThat(heard).containsExactly(new Write(NS, "u1", 1), new Write(NS, "u1", 2)));
    assertThat(cluster.journalWrites().count()).isEqualTo(2);
    assertThat(threads).containsOnly("hvst-sim-journal");
  }

  @Test
  void aJournalWriteThatFailedIsNoWrite() {
    ConfigMap created =
        controller.configMaps().inNamespace(NS).resource(journal("u1", "1")).create();
    cluster.apiFaults().errors(1, 503).on();

    assertThatThrownBy(
            () -> controller.configMaps().inNamespace(NS).resource(next(created, "2")).update())
        .isInstanceOf(KubernetesClientException.class);

    assertThat(cluster.apiFaults().injected(503)).isEqualTo(1);
    assertThat(cluster.journalWrites().count()).isEqualTo(1);
  }

  @Test
  void cutAtAWriteTheControllerGetsThatAnswerAndNothingAfterItUntilTheLinkIsRestored() {
    cluster.journalWrites().cutControllerAt(2);
    controller.configMaps().inNamespace(NS).resource(journal("u1", "1")).create();

    ConfigMap second =
        controller.configMaps().inNamespace(NS).resource(journal("u1", "2")).update();

    assertThat(second.getData()).containsEntry("step", "2");
    assertThat(cluster.controllerLink().isCut()).isTrue();
    assertThatThrownBy(() -> controller.configMaps().inNamespace(NS).withName("u1-progress").get())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
    assertThat(cluster.client().configMaps().inNamespace(NS).withName("u1-progress").get())
        .isNotNull();
    assertThat(cluster.controllerLink().refused()).isEqualTo(1);

    cluster.controllerLink().restore();
    assertThat(controller.configMaps().inNamespace(NS).withName("u1-progress").get()).isNotNull();
  }

  @Test
  void actingAtAWriteThatAlreadyHappenedIsRefused() {
    controller.configMaps().inNamespace(NS).resource(journal("u1", "1")).create();

    assertThatThrownBy(() -> cluster.journalWrites().afterWrite(1, () -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cluster.journalWrites().cutControllerAt(1))
        .isInstanceOf(IllegalStateException.class);
  }

  /** The next version of a journal, written only if it is still at {@code prior}'s version. */
  private static ConfigMap next(ConfigMap prior, String step) {
    return new ConfigMapBuilder(prior).withData(Map.of("step", step)).build();
  }

  private static ConfigMap journal(String upgrade, String step) {
    return configMap(upgrade + "-progress", step);
  }

  private static ConfigMap configMap(String name, String step) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withData(Map.of("step", step))
        .build();
  }
}
