package io.hvst.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.resilience4j.core.IntervalFunction;
import io.hvst.controller.act.ActionExecutor;
import io.hvst.controller.act.ActionHandler;
import io.hvst.controller.act.CreateJobHandler;
import io.hvst.controller.act.NodeSchedulingHandlers;
import io.hvst.controller.act.PodHandlers;
import io.hvst.controller.act.QuotaHandler;
import io.hvst.controller.act.UpgradeHandlers;
import io.hvst.controller.act.VmHandlers;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.config.PolicyMapper;
import io.hvst.controller.journal.JournalStore;
import io.hvst.controller.kube.ConfigMapAdapter;
import io.hvst.controller.kube.EventAdapter;
import io.hvst.controller.kube.JobAdapter;
import io.hvst.controller.kube.KubeCalls;
import io.hvst.controller.kube.MigrationAdapter;
import io.hvst.controller.kube.NodeAdapter;
import io.hvst.controller.kube.PodAdapter;
import io.hvst.controller.kube.QuotaAdapter;
import io.hvst.controller.kube.UpgradeAdapter;
import io.hvst.controller.kube.VirtualMachineAdapter;
import io.hvst.controller.leader.Leadership;
import io.hvst.controller.loop.JournalWriteListener;
import io.hvst.controller.loop.Loops;
import io.hvst.controller.loop.ReconcileLoop;
import io.hvst.controller.observe.ClusterCaches;
import io.hvst.controller.observe.EvictionBlocks;
import io.hvst.controller.observe.SnapshotObserver;
import io.hvst.controller.observe.WriteExpectations;
import io.hvst.controller.record.EventRecorder;
import io.hvst.controller.record.StatusWriter;
import io.hvst.controller.record.UpgradeMetrics;
import io.hvst.statemachine.decide.Deciders;
import io.hvst.statemachine.decide.UpgradeDecider;
import io.hvst.statemachine.policy.UpgradePolicy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The controller, assembled from plain parts: informers, the journal store, the pure decider,
 * executors and recorders, the loop and leader election. Spring creates one; tests and the sandbox
 * may create, kill and recreate it directly.
 */
public final class ControllerRuntime implements AutoCloseable {

  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private final ClusterCaches caches;
  private final SnapshotObserver observer;
  private final JournalStore journals;
  private final UpgradeDecider decider;
  private final UpgradePolicy policy;
  private final Leadership leadership;
  private final ReconcileLoop loop;
  private final UpgradeMetrics metrics;

  public ControllerRuntime(
      KubernetesClient client,
      ControllerProperties properties,
      Clock clock,
      MeterRegistry registry,
      KubeCalls calls,
      String identity,
      JournalWriteListener listener) {
    this.policy = PolicyMapper.toPolicy(properties);
    this.caches =
        new ClusterCaches(
            client,
            properties.scheduling().policyNamespace(),
            properties.scheduling().policyConfigMap());
    WriteExpectations expectations = new WriteExpectations();
    ControllerProperties.Reconcile timing = properties.reconcile();
    EvictionBlocks evictionBlocks = new EvictionBlocks();
    this.observer =
        new SnapshotObserver(caches, expectations, evictionBlocks, clock, timing.staleCacheGrace());
    this.journals = new JournalStore(caches, new ConfigMapAdapter(client, calls));
    this.decider = Deciders.standard(policy);
    this.leadership =
        new Leadership(
            client,
            properties.leaderElection(),
            properties.kubernetes().namespace(),
            identity,
            clock);
    List<ActionHandler<?>> handlers = new ArrayList<>();
    handlers.addAll(
        NodeSchedulingHandlers.all(new NodeAdapter(client, calls), expectations, clock));
    handlers.add(new CreateJobHandler(new JobAdapter(client, calls), expectations, clock));
    handlers.addAll(
        VmHandlers.all(
            new MigrationAdapter(client, calls),
            new VirtualMachineAdapter(client, calls),
            expectations,
            clock));
    handlers.add(new QuotaHandler(new QuotaAdapter(client, calls), expectations, clock));
    handlers.addAll(
        PodHandlers.all(
            new PodAdapter(client, calls),
            evictionBlocks,
            policy.drain().evictionBackoff(),
            clock));
    UpgradeAdapter upgrades = new UpgradeAdapter(client, calls);
    handlers.addAll(UpgradeHandlers.all(upgrades));
    StatusWriter status = new StatusWriter(upgrades, expectations, clock);
    EventRecorder events = new EventRecorder(new EventAdapter(client, clock));
    this.metrics = new UpgradeMetrics(registry);
    Gauge.builder("hvst.upgrade.leader", leadership, l -> l.holds() ? 1 : 0)
        .description("1 on the replica that holds the lease and acts")
        .register(registry);
    this.loop =
        Loops.loop(
            caches,
            observer,
            journals,
            decider,
            new ActionExecutor(handlers),
            status,
            events,
            metrics,
            leadership,
            clock,
            timing,
            IntervalFunction.ofExponentialRandomBackoff(
                timing.errorBackoff().toMillis(), 2.0, 0.5, timing.maxErrorBackoff().toMillis()),
            listener);
  }

  /** Syncs the caches, then campaigns for leadership; the loop acts only while leading. */
  public void start() {
    start(e -> {});
  }

  /**
   * As {@link #start()}; if the loop ever stops on a fatal error, the lease is released at once
   * (another replica takes over) and {@code onFatal} is told, to report this replica broken.
   */
  public void start(Consumer<Error> onFatal) {
    loop.onFatal(
        e -> {
          leadership.close();
          onFatal.accept(e);
        });
    caches.start(loop::trigger, SYNC_TIMEOUT);
    leadership.start(
        loop::activate,
        () -> {
          loop.deactivate();
          metrics.clear();
        });
  }

  public ClusterCaches caches() {
    return caches;
  }

  public SnapshotObserver observer() {
    return observer;
  }

  public JournalStore journals() {
    return journals;
  }

  public UpgradeDecider decider() {
    return decider;
  }

  public UpgradePolicy policy() {
    return policy;
  }

  public Leadership leadership() {
    return leadership;
  }

  public ReconcileLoop loop() {
    return loop;
  }

  @Override
  public void close() {
    loop.close();
    leadership.close();
    caches.close();
  }
}
