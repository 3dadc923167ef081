package io.hvst.simulator.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.hvst.controller.ControllerRuntime;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.kube.Upgrade;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.api.ApiBehaviour;
import io.hvst.simulator.session.ControllerLauncher;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.decide.ResourceNames;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A simulated cluster and the real controller, as {@link UpgradeSession} has them, except that the
 * controller is started from its own thread group so that its CPU time can be told apart.
 */
final class BenchSession implements AutoCloseable {

  private final SimulatedCluster cluster;
  private final ConfigurableApplicationContext controller;

  private BenchSession(SimulatedCluster cluster, ConfigurableApplicationContext controller) {
    this.cluster = cluster;
    this.controller = controller;
  }

  /** Starts the cluster, adds {@code tap} to its API server, then starts the controller. */
  static BenchSession start(ClusterSpec spec, ControllerThreads threads, ApiBehaviour tap) {
    SimulatedCluster cluster = SimulatedCluster.start(spec);
    cluster.dispatcher().add(tap);
    try {
      ConfigurableApplicationContext ctx =
          threads.callInGroup(
              "hvst-controller-start",
              () -> ControllerLauncher.start(cluster.url(), null, Map.of()));
      return new BenchSession(cluster, ctx);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  SimulatedCluster cluster() {
    return cluster;
  }

  ControllerRuntime runtime() {
    return controller.getBean(ControllerRuntime.class);
  }

  ControllerProperties properties() {
    return controller.getBean(ControllerProperties.class);
  }

  /** Waits until the controller holds the lease, so the upgrade's time has no election in it. */
  void awaitLeadership(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!runtime().leadership().holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the controller did not lead within " + timeout);
      }
      sleep(10);
    }
  }

  /** Waits until the Upgrade's state label says it finished; empty on timeout. */
  Optional<Upgrade> awaitFinished(String name, Duration timeout) {
    try {
      return Optional.of(
          cluster
              .client()
              .resources(Upgrade.class)
              .inNamespace(UpgradeSession.NAMESPACE)
              .withName(name)
              .waitUntilCondition(
                  u -> u != null && UpgradeSession.FINISHED.contains(UpgradeSession.state(u)),
                  timeout.toMillis(),
                  TimeUnit.MILLISECONDS));
    } catch (KubernetesClientTimeoutException e) {
      return Optional.empty();
    }
  }

  Optional<ConfigMap> journalConfigMap(String upgrade) {
    return Optional.ofNullable(
        cluster
            .client()
            .configMaps()
            .inNamespace(UpgradeSession.NAMESPACE)
            .withName(ResourceNames.journal(upgrade))
            .get());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    try {
      controller.close();
    } finally {
      cluster.close();
    }
  }
}
