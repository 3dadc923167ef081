package io.hvst.simulator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeSpec;
import io.hvst.simulator.actors.EvacuationController;
import io.hvst.simulator.actors.Informers;
import io.hvst.simulator.actors.JobRunner;
import io.hvst.simulator.actors.Kubelet;
import io.hvst.simulator.actors.MigrationController;
import io.hvst.simulator.actors.MigrationRun;
import io.hvst.simulator.actors.NodeFaults;
import io.hvst.simulator.actors.NodeOs;
import io.hvst.simulator.actors.NodeSyncer;
import io.hvst.simulator.actors.PdbController;
import io.hvst.simulator.actors.Placement;
import io.hvst.simulator.actors.QuotaController;
import io.hvst.simulator.actors.ReplicaSetController;
import io.hvst.simulator.actors.VirtHandlerHeartbeat;
import io.hvst.simulator.actors.VmController;
import io.hvst.simulator.api.ApiFaults;
import io.hvst.simulator.api.ApiRequestCounter;
import io.hvst.simulator.api.ControllerLink;
import io.hvst.simulator.api.EvictionBehaviour;
import io.hvst.simulator.api.GenerateNameBehaviour;
import io.hvst.simulator.api.JournalWrites;
import io.hvst.simulator.api.MigrationAdmission;
import io.hvst.simulator.api.QuotaAdmission;
import io.hvst.simulator.api.SimulatorDispatcher;
import io.hvst.simulator.api.Store;
import io.hvst.simulator.attach.AttachedApi;
import io.hvst.simulator.kube.Names;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.observe.ClusterHistory;
import io.hvst.simulator.observe.VmInventory;
import io.hvst.simulator.seed.ClusterSeeder;
import io.hvst.simulator.seed.NodePlan;
import io.hvst.simulator.seed.VmInstances;
import io.hvst.simulator.seed.VmPlan;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated Harvester cluster: the fabric8 mock API server (CRUD mode) with the behaviour it
 * lacks, seeded with nodes and VMs, and actors that play the kubelet, the Job controller and the
 * node OS upgrade. It works through the API only, as the real components do.
 *
 * <p>{@link #attach} puts the same seeding and actors on an existing API server instead (see {@link
 * AttachedApi}); {@link #start} is the mock.
 */
public final class SimulatedCluster implements AutoCloseable {

  public static final String USER_AGENT = "hvst-simulator";

  /** What the controller's User-Agent starts with: faults and journal hooks act on it. */
  public static final String CONTROLLER_USER_AGENT = ControllerProperties.DEFAULT_USER_AGENT;

  /** Held so the setting sticks: JUL keeps loggers only weakly. */
  @SuppressWarnings("unused")
  private static final java.util.logging.Logger MOCK_LOG = quietMockServer();

  private final ClusterSpec spec;
  private final Clock clock;
  private final SimulatorDispatcher dispatcher = new SimulatorDispatcher();

  /** The mock; null when attached to a real API server. */
  private final KubernetesMockServer server;

  /** The real API server's side; null on the mock. */
  private final AttachedApi attached;

  private final KubernetesClient client;
  private final ScheduledExecutorService timers;
  private final NodeOs os;
  private final JobRunner jobs;
  private final ClusterHistory history;
  private final Thread drain;
  private final Names names;
  private final Informers informers;
  private final VmInventory inventory;
  private final VmInstances instances;
  private final MigrationController migrations;
  private final EvacuationController evacuations;
  private final VmController vms;
  private final Kubelet kubelet;
  private final PdbController pdbs;
  private final QuotaController quotas;
  private final ReplicaSetController replicaSets;
  private final Workloads workloads;
  private final VirtHandlerHeartbeat virtHandler;
  private final NodeSyncer nodeSyncer;
  private final NodeFaults nodeFaults;
  private final ApiFaults apiFaults;
  private final ControllerLink controllerLink;
  private final JournalWrites journalWrites;

  /** {@code attached} null: starts the mock API server. */
  private SimulatedCluster(ClusterSpec spec, Clock clock, AttachedApi attached) {
    this.spec = spec;
    this.clock = clock;
    this.attached = attached;
    if (attached == null) {
      this.server =
          new KubernetesMockServer(
              new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
      server.init(InetAddress.getLoopbackAddress(), 0);
      this.client = client(server.url("/"), USER_AGENT);
    } else {
      this.server = null;
      this.client = attached.client();
    }
    this.timers =
        Executors.newScheduledThreadPool(
            4,
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
    this.names = new Names(spec.seed());
    EvictionBehaviour evictions = null;
    if (server != null) {
      Store store = new Store(dispatcher, client.getKubernetesSerialization());
      evictions = new EvictionBehaviour(store, clock);
      dispatcher.add(new GenerateNameBehaviour(names));
      dispatcher.add(evictions);
      dispatcher.add(new QuotaAdmission(store));
      dispatcher.add(new MigrationAdmission(store));
    }
    this.apiFaults = new ApiFaults(CONTROLLER_USER_AGENT, spec.seed());
    this.controllerLink = new ControllerLink(CONTROLLER_USER_AGENT);
    this.journalWrites = new JournalWrites(CONTROLLER_USER_AGENT, controllerLink);
    dispatcher.addFirst(apiFaults);
    dispatcher.addFirst(journalWrites);
    dispatcher.addFirst(controllerLink);
    Writes writes = new Writes(client);
    this.informers = new Informers(client);
    this.inventory = new VmInventory(informers.vms(), informers.vmis());
    this.instances = new VmInstances(client, names, clock);
    Placement placement = new Placement(informers);
    SimTiming t = spec.timing();
    this.migrations =
        new MigrationController(
            informers,
            new MigrationRun.Context(
                informers, writes, instances, placement, timers, clock, t.migrationDuration()),
            inventory);
    this.evacuations =
        new EvacuationController(informers, client, timers, clock, t.evacuationBackoff());
    this.vms =
        new VmController(
            informers, instances, writes, placement, timers, t.powerDuration(), inventory);
    this.kubelet = new Kubelet(informers, writes);
    this.pdbs = new PdbController(informers, writes, timers, clock);
    this.quotas = new QuotaController(informers, writes, timers, inventory);
    this.replicaSets =
        new ReplicaSetController(informers, writes, names, timers, t.podStartDuration());
    this.workloads = new Workloads(client, names, replicaSets, Optional.ofNullable(evictions));
    this.virtHandler =
        new VirtHandlerHeartbeat(
            informers, writes, timers, t.virtHandlerInterval(), spec.virtHandlerHeartbeat());
    this.nodeSyncer = new NodeSyncer(informers, writes, timers, spec.seed());
    this.nodeFaults = new NodeFaults(writes, os, timers, clock);
    inventory.addSideEffects(this::jobAndRebootRepeats);
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
    SimulatedCluster cluster = new SimulatedCluster(spec, clock, null);
    cluster.drain.start();
    ClusterSeeder.seed(cluster.client, spec, clock, cluster.names);
    cluster.startActors();
    cluster.history.start();
    cluster.jobs.start();
    return cluster;
  }

  /**
   * Seeds an existing API server and starts the simulated components against it. The server must
   * run no kubelet for the simulated nodes and no Job controller or garbage collector of its own
   * (the simulator plays those; see K3sUpgradeIT for a k3s started that way). Its Eviction API,
   * admission and node lifecycle controller are the real ones.
   *
   * @param masterUrlOrKubeconfig a kubeconfig's YAML, or the URL of a server needing no credentials
   */
  public static SimulatedCluster attach(String masterUrlOrKubeconfig, ClusterSpec spec) {
    Clock clock = Clock.systemUTC();
    AttachedApi api = AttachedApi.connect(masterUrlOrKubeconfig, USER_AGENT);
    SimulatedCluster cluster;
    try {
      api.prepare(ClusterSeeder.namespaces(spec));
      cluster = new SimulatedCluster(spec, clock, api);
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    try {
      ClusterSeeder.seedObjects(cluster.client, spec, clock, cluster.names);
      api.start(
          cluster.informers,
          cluster.timers,
          clock,
          spec.nodes().stream().map(NodePlan::name).toList());
      cluster.startActors();
      cluster.history.start();
      cluster.jobs.start();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** True when attached to a real API server rather than running the mock. */
  public boolean attached() {
    return attached != null;
  }

  private void startActors() {
    for (VmPlan vm : spec.vms()) {
      switch (vm.migrationFault()) {
        case FAIL -> migrations.failMigrationsOf(vm.namespace(), vm.name());
        case HANG -> migrations.hangMigrationsOf(vm.namespace(), vm.name());
        case NONE -> {}
      }
    }
    migrations.start();
    evacuations.start();
    vms.start();
    kubelet.start();
    pdbs.start();
    quotas.start();
    replicaSets.start();
    nodeSyncer.start();
    informers.start(Duration.ofSeconds(30));
    virtHandler.start();
  }

  /** Jobs created, and nodes rebooted, more than once. */
  private List<VmInventory.SideEffect> jobAndRebootRepeats() {
    List<VmInventory.SideEffect> effects = new ArrayList<>();
    new TreeMap<>(jobs.created())
        .forEach(
            (job, n) -> {
              if (n.get() > 1) {
                effects.add(new VmInventory.SideEffect("Job", job, "created", n.get()));
              }
            });
    for (NodePlan node : spec.nodes()) {
      if (os.reboots(node.name()) > 1) {
        effects.add(
            new VmInventory.SideEffect("Node", node.name(), "rebooted", os.reboots(node.name())));
      }
    }
    return effects;
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
    // Harvester starts the repo VM in reaction to the Upgrade; it is created first here so the
    // controller's first look already sees it, as the tests of its node order expect.
    if (repoVmNode != null) {
      instances.create(VmPlan.repo(name, repoVmNode));
    }
    return client
        .resources(Upgrade.class)
        .inNamespace("harvester-system")
        .resource(upgrade)
        .create();
  }

  public String url() {
    return server != null ? server.url("/") : attached.masterUrl();
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

  /** KubeVirt's migration controller: limits, and faults for a VM's migrations. */
  public MigrationController migrations() {
    return migrations;
  }

  /** KubeVirt's VM controller (starts and stops VMs as their runStrategy says). */
  public VmController virtualMachines() {
    return vms;
  }

  /** What happened to the VMs: migrations, stops, VMs lost, repeated side effects. */
  public VmInventory inventory() {
    return inventory;
  }

  /** Deployments, PodDisruptionBudgets and ResourceQuotas a scenario adds. */
  public Workloads workloads() {
    return workloads;
  }

  /** virt-handler's heartbeat, which labels Ready nodes {@code kubevirt.io/schedulable=true}. */
  public VirtHandlerHeartbeat virtHandler() {
    return virtHandler;
  }

  /** A vcluster-style syncer that reverts the cordons of the nodes it is told to. */
  public NodeSyncer nodeSyncer() {
    return nodeSyncer;
  }

  /** Nodes that drop out for a while, machines removed mid-upgrade. */
  public NodeFaults nodeFaults() {
    return nodeFaults;
  }

  /** Errors and late answers for the controller's requests; off until switched on. */
  public ApiFaults apiFaults() {
    return apiFaults;
  }

  /** The controller's link to the API server, which a test can cut. */
  public ControllerLink controllerLink() {
    return controllerLink;
  }

  /** The controller's journal writes: their count, and listeners to act at a chosen one. */
  public JournalWrites journalWrites() {
    return journalWrites;
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
    informers.close();
    journalWrites.close();
    jobs.close();
    history.close();
    timers.shutdownNow();
    client.close();
    drain.interrupt();
    if (server != null) {
      server.destroy();
    } else {
      attached.close();
    }
  }
}
