package io.hvst.simulator.session;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.hvst.controller.ControllerRuntime;
import io.hvst.controller.journal.JournalCodec;
import io.hvst.controller.kube.Upgrade;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.journal.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A simulated cluster with the real controller running against it, and the questions a test or the
 * sandbox asks about the upgrade. The controller can be stopped and started again (a fresh Spring
 * context), as a crash and a new pod would, also at a chosen journal write. More replicas, each
 * with its own identity, can run beside it for leader election ({@link #startReplica}).
 */
public final class UpgradeSession implements AutoCloseable {

  public static final String NAMESPACE = "harvester-system";
  public static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Aborted");

  private final SimulatedCluster cluster;
  private final Integer port;
  private final Map<String, Object> controllerProperties;
  private volatile ConfigurableApplicationContext controller;
  private final Map<String, ConfigurableApplicationContext> replicas = new LinkedHashMap<>();
  private volatile int restarts;
  private boolean closed;

  /** The kubeconfig the controller connects with; null means the cluster's URL. */
  private Path kubeconfig;

  private UpgradeSession(
      SimulatedCluster cluster, Integer port, Map<String, Object> controllerProperties) {
    this.cluster = cluster;
    this.port = port;
    this.controllerProperties = Map.copyOf(controllerProperties);
  }

  public static UpgradeSession start(
      ClusterSpec spec, Integer port, Map<String, Object> controllerProperties) {
    SimulatedCluster cluster = SimulatedCluster.start(spec);
    UpgradeSession session = new UpgradeSession(cluster, port, controllerProperties);
    session.startController();
    return session;
  }

  /** The cluster only: the test starts the controller when it is ready for it. */
  public static UpgradeSession prepare(
      ClusterSpec spec, Integer port, Map<String, Object> controllerProperties) {
    return new UpgradeSession(SimulatedCluster.start(spec), port, controllerProperties);
  }

  /**
   * The simulator attached to an existing API server ({@link SimulatedCluster#attach}) with the
   * controller connecting through the same kubeconfig.
   */
  public static UpgradeSession attach(
      String kubeconfigYaml,
      ClusterSpec spec,
      Integer port,
      Map<String, Object> controllerProperties) {
    SimulatedCluster cluster = SimulatedCluster.attach(kubeconfigYaml, spec);
    UpgradeSession session = new UpgradeSession(cluster, port, controllerProperties);
    try {
      session.kubeconfig = Files.createTempFile("hvst-kubeconfig", ".yaml");
      Files.writeString(session.kubeconfig, kubeconfigYaml);
      session.startController();
      return session;
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public SimulatedCluster cluster() {
    return cluster;
  }

  public ConfigurableApplicationContext controller() {
    return controller;
  }

  public int restarts() {
    return restarts;
  }

  public synchronized void startController() {
    startController(Map.of());
  }

  /** Starts a fresh controller with extra singleton beans (e.g. a crash listener). */
  public synchronized void startController(Map<String, Object> beans) {
    controller =
        kubeconfig == null
            ? ControllerLauncher.start(cluster.url(), port, controllerProperties, beans)
            : ControllerLauncher.startWithKubeconfig(kubeconfig, port, controllerProperties, beans);
  }

  /** True when the running controller stopped itself through a ControllerCrash. */
  public synchronized boolean controllerCrashed() {
    return controller != null && controller.getBean(ControllerRuntime.class).loop().crashed();
  }

  public synchronized void stopController() {
    if (controller != null) {
      controller.close();
      controller = null;
    }
  }

  /** Stops the controller and starts a fresh one, as a crashed pod being replaced. */
  public synchronized void restartController() {
    stopController();
    restarts++;
    startController();
  }

  /**
   * Once the controller's journal write {@code n} is stored, stops it as a pod being replaced (it
   * may still act a little while it shuts down) and starts a fresh one. Completes when the new one
   * runs.
   */
  public CompletableFuture<Void> restartAfterJournalWrite(long n) {
    CompletableFuture<Void> restarted = new CompletableFuture<>();
    cluster.journalWrites().afterWrite(n, () -> replace(restarted));
    return restarted;
  }

  /**
   * Kills the controller right after its journal write {@code n} is stored: that write's answer
   * reaches it, nothing it sends afterwards reaches the cluster (nor does the release of its lease,
   * so the new one waits for the lease to expire, as after {@code kill -9}). Then a fresh
   * controller starts. Completes when it runs.
   */
  public CompletableFuture<Void> crashAfterJournalWrite(long n) {
    CompletableFuture<Void> restarted = new CompletableFuture<>();
    // The replacement first: if write n happened meanwhile, nothing is cut and nothing waits.
    cluster.journalWrites().afterWrite(n, () -> replace(restarted));
    cluster.journalWrites().cutControllerAt(n);
    return restarted;
  }

  /**
   * Starts one more controller replica against the cluster, as a Deployment's next pod: its own
   * leader-election identity and User-Agent ({@link #replicaUserAgent}), so the simulator can tell
   * it from the others and cut it alone. The Lease decides which replica acts. It has no web
   * server, and it is closed with the session.
   */
  public synchronized ConfigurableApplicationContext startReplica(
      String identity, Map<String, Object> beans) {
    if (replicas.containsKey(identity)) {
      throw new IllegalStateException("a replica " + identity + " already runs");
    }
    Map<String, Object> props = new LinkedHashMap<>(controllerProperties);
    props.put("hvst.leader-election.identity", identity);
    props.put("hvst.kubernetes.user-agent", replicaUserAgent(identity));
    ConfigurableApplicationContext replica =
        kubeconfig == null
            ? ControllerLauncher.start(cluster.url(), null, props, beans)
            : ControllerLauncher.startWithKubeconfig(kubeconfig, null, props, beans);
    replicas.put(identity, replica);
    return replica;
  }

  /** The User-Agent of replica {@code identity}; it starts with the controller's own. */
  public static String replicaUserAgent(String identity) {
    return SimulatedCluster.CONTROLLER_USER_AGENT + "/" + identity;
  }

  /**
   * Kills replica {@code identity} as {@code kill -9} would: nothing it sends from now on reaches
   * the cluster, nor the release of its lease (so another replica takes over only once the lease
   * expires); then its context is closed.
   */
  public synchronized void killReplica(String identity) {
    ConfigurableApplicationContext replica = replicas.remove(identity);
    if (replica == null) {
      throw new IllegalArgumentException("no replica " + identity + " runs");
    }
    cluster.controllerLink().cut(replicaUserAgent(identity));
    replica.close();
  }

  private synchronized void replace(CompletableFuture<Void> restarted) {
    if (closed) {
      restarted.cancel(false);
      return;
    }
    try {
      stopController();
      cluster.controllerLink().restore();
      restarts++;
      startController();
      restarted.complete(null);
    } catch (RuntimeException e) {
      restarted.completeExceptionally(e);
    }
  }

  public Upgrade createUpgrade(String name, String version, String repoVmNode) {
    return cluster.createUpgrade(name, version, repoVmNode);
  }

  public Upgrade upgrade(String name) {
    return cluster.client().resources(Upgrade.class).inNamespace(NAMESPACE).withName(name).get();
  }

  /** Waits until the Upgrade's state label says it finished, and returns it. */
  public Upgrade awaitFinished(String name, Duration timeout) {
    return cluster
        .client()
        .resources(Upgrade.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .waitUntilCondition(
            u -> u != null && FINISHED.contains(state(u)),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Waits until the Upgrade has a Completed condition with the given reason. */
  public Upgrade awaitCompletedReason(String name, String reason, Duration timeout) {
    return cluster
        .client()
        .resources(Upgrade.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .waitUntilCondition(
            u ->
                u != null
                    && u.getStatus() != null
                    && u.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> "Completed".equals(c.getType()) && reason.equals(c.getReason())),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  public static String state(Upgrade upgrade) {
    Map<String, String> labels = upgrade.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(Upgrade.STATE_LABEL, "");
  }

  /** The journal as stored in the cluster, decoded. */
  public Optional<Journal> journal(String upgrade) {
    ConfigMap cm =
        cluster
            .client()
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName(ResourceNames.journal(upgrade))
            .get();
    return Optional.ofNullable(cm).map(c -> new JournalCodec().decode(c.getData()));
  }

  public Optional<ConfigMap> journalConfigMap(String upgrade) {
    return Optional.ofNullable(
        cluster
            .client()
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName(ResourceNames.journal(upgrade))
            .get());
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      stopController();
      List<ConfigurableApplicationContext> running = new ArrayList<>(replicas.values());
      replicas.clear();
      running.forEach(ConfigurableApplicationContext::close);
    }
    cluster.close();
    if (kubeconfig != null) {
      try {
        Files.deleteIfExists(kubeconfig);
      } catch (IOException e) {
        // A temporary file left behind; nothing depends on it.
      }
    }
  }
}
