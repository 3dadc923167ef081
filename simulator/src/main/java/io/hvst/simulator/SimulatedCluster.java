package io.hvst.simulator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeSpec;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.actors.JobRunner;
import io.hvst.simulator.actors.NodeOs;
import io.hvst.simulator.api.ApiRequestCounter;
import io.hvst.simulator.api.SimulatorDispatcher;
import io.hvst.simulator.observe.ClusterHistory;
import io.hvst.simulator.seed.ClusterSeeder;
import io.hvst.simulator.seed.VmFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated Harvester cluster: the fabric8 mock API server (CRUD mode) with the behaviour it
 * lacks, seeded with nodes and VMs, and actors that play the kubelet, the Job controller and the
 * node OS upgrade. It works through the API only, as the real components do.
 */
public final class SimulatedCluster implements AutoCloseable {

  public static final String USER_AGENT = "hvst-simulator";

  /** Held so the setting sticks: JUL keeps loggers only weakly. */
  @SuppressWarnings("unused")
  private static final java.util.logging.Logger MOCK_LOG = quietMockServer();

  private final ClusterSpec spec;
  private final Clock clock;
  private final SimulatorDispatcher dispatcher = new SimulatorDispatcher();
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final ScheduledExecutorService timers;
  private final NodeOs os;
  private final JobRunner jobs;
  private final ClusterHistory history;
  private final Thread drain;

  private SimulatedCluster(ClusterSpec spec, Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    this.client = client(server.url("/"), USER_AGENT);
    this.timers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "hvst-sim");
              t.setDaemon(true);
              return t;
            });
    this.os = new NodeOs(client, timers, clock, spec.timing().rebootDuration(), spec.nodes());
    this.jobs = new JobRunner(client, timers, clock, spec.timing().jobDuration(), os);
    this.history = new ClusterHistory(client, clock);
    this.drain = new Thread(this::drainRecordedRequests, "hvst-sim-drain");
    drain.setDaemon(true);
  }

  /** The mock server logs every request at INFO through java.util.logging. */
  private static java.util.logging.Logger quietMockServer() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  /** Starts the API server, seeds the cluster and starts the simulated components. */
  public static SimulatedCluster start(ClusterSpec spec) {
    return start(spec, Clock.systemUTC());
  }

  public static SimulatedCluster start(ClusterSpec spec, Clock clock) {
    SimulatedCluster cluster = new SimulatedCluster(spec, clock);
    cluster.drain.start();
    ClusterSeeder.seed(cluster.client, spec, clock);
    cluster.history.start();
    cluster.jobs.start();
    return cluster;
  }

  /** A client for this cluster, as a separate component would have. */
  public static KubernetesClient client(String url, String userAgent) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url)
            .withTrustCerts(true)
            .withHttp2Disable(true)
            .withUserAgent(userAgent)
            .withNamespace("default")
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** {@code kubectl create} of an Upgrade; Harvester then starts its upgrade-repo VM on a node. */
  public Upgrade createUpgrade(String name, String version, String repoVmNode) {
    Upgrade upgrade = new Upgrade();
    upgrade.getMetadata().setName(name);
    upgrade.getMetadata().setNamespace("harvester-system");
    UpgradeSpec s = new UpgradeSpec();
    s.setVersion(version);
    upgrade.setSpec(s);
    Upgrade created =
        client.resources(Upgrade.class).inNamespace("harvester-system").resource(upgrade).create();
    if (repoVmNode != null) {
      client
          .genericKubernetesResources(KubeVirt.VMI)
          .inNamespace("harvester-system")
          .resource(VmFactory.repoVm(name, repoVmNode))
          .create();
    }
    return created;
  }

  public String url() {
    return server.url("/");
  }

  public KubernetesClient client() {
    return client;
  }

  public ClusterSpec spec() {
    return spec;
  }

  public Clock clock() {
    return clock;
  }

  public ApiRequestCounter requests() {
    return dispatcher.counter();
  }

  public SimulatorDispatcher dispatcher() {
    return dispatcher;
  }

  public ClusterHistory history() {
    return history;
  }

  public NodeOs os() {
    return os;
  }

  public JobRunner jobs() {
    return jobs;
  }

  /** The mock keeps every request in an unbounded queue; nothing here reads it. */
  private void drainRecordedRequests() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        server.takeRequest(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    jobs.close();
    history.close();
    timers.shutdownNow();
    client.close();
    drain.interrupt();
    server.destroy();
  }
}
