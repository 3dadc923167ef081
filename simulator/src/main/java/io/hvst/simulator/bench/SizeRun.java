package io.hvst.simulator.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.hvst.controller.ControllerRuntime;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.journal.JournalCodec;
import io.hvst.controller.kube.Upgrade;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.SimTiming;
import io.hvst.simulator.SimulatedCluster;
import io.hvst.simulator.actors.MigrationController;
import io.hvst.simulator.sandbox.Sandbox;
import io.hvst.simulator.sandbox.Scenario;
import io.hvst.simulator.seed.NodeFactory;
import io.hvst.simulator.session.UpgradeSession;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.journal.Journal;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Runs one size: a fresh cluster and controller, one upgrade, everything measured. */
final class SizeRun {

  private static final String UPGRADE = Sandbox.UPGRADE_NAME;
  private static final String TARGET = Sandbox.TARGET_VERSION;
  private static final String AGENT = ControllerProperties.DEFAULT_USER_AGENT;

  private final long seed;

  SizeRun(long seed) {
    this.seed = seed;
  }

  SizeResult run(BenchSize size) {
    long start = System.nanoTime();
    ClusterSpec spec = Scenario.HAPPY.setup().spec(size.nodes(), size.vmsPerNode(), seed);
    int vms = spec.vms().size() + 1;
    if (size.nodes() < 2) {
      return SizeResult.notRun(
          size, vms, SizeResult.DOES_NOT_FIT, "a VM needs a second node to move to");
    }
    String repoNode = repoVmNode(spec);
    ControllerThreads threads = new ControllerThreads();
    ControllerRequestTap tap = new ControllerRequestTap(UPGRADE);
    try (BenchSession session = BenchSession.start(spec, threads, tap)) {
      session.awaitLeadership(Duration.ofSeconds(30));
      ControllerRuntime runtime = session.runtime();
      Resources overhead = runtime.policy().drain().launcherOverhead();
      ClusterSnapshot before = runtime.observer().snapshotAt(Instant.now());
      PlanFigures check = PlanFigures.of(before, Optional.of(repoNode), overhead);
      if (!check.planned().feasible()) {
        return SizeResults.doesNotFit(size, vms, check, work(spec.timing()));
      }
      try (ReactionProbe probe =
          ReactionProbe.start(
              session.cluster().url(),
              UPGRADE,
              session.properties().leaderElection().leaseName(),
              NodeFactory.osImage(TARGET))) {
        System.gc();
        ResourceSampler sampler = new ResourceSampler(threads);
        long startCpu = sampler.controllerCpuSoFarNanos();
        long upgradeStart = System.nanoTime();
        sampler.start();
        session.cluster().createUpgrade(UPGRADE, TARGET, repoNode);
        ClusterSnapshot initial = PlanFigures.withNewVms(before, awaitRepoVm(runtime, before));
        Duration timeout = Duration.ofMinutes(3).plus(Duration.ofSeconds(2L * vms));
        Optional<Upgrade> finished = session.awaitFinished(UPGRADE, timeout);
        long end = System.nanoTime();
        ResourceSampler.Usage usage = sampler.stop();
        PlanFigures plan = PlanFigures.of(initial, Optional.of(repoNode), overhead);
        Optional<ConfigMap> journalMap = session.journalConfigMap(UPGRADE);
        Optional<Journal> journal = journalMap.map(cm -> new JournalCodec().decode(cm.getData()));
        SimulatedCluster cluster = session.cluster();
        Map<String, Long> byVerb = cluster.requests().byVerb(AGENT);
        String result = finished.map(UpgradeSession::state).orElse(SizeResult.TIMED_OUT);
        return SizeResults.of(
            new Measured(
                size,
                vms,
                result,
                reason(result, journal, timeout),
                end - start,
                upgradeStart - start,
                end - upgradeStart,
                journal,
                journalMap.map(SizeRun::dataBytes).orElse(0L),
                plan,
                work(spec.timing()),
                cluster.inventory().migrationsSucceeded(),
                cluster.inventory().migrationsFailed(),
                byVerb,
                probe.leaseRenewals(),
                tap.journalWrites(),
                tap.journalBytesWritten(),
                probe.upgradeUpdates(),
                probe.upgradeVersions().unchanged(),
                probe.nodeVersions().updates(),
                probe.nodeVersions().unchanged(),
                probe.summary(),
                probe.migrationMs(),
                usage,
                startCpu,
                heapAfterGc(),
                configuredWaitsMs(session.properties(), size.nodes()),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
      }
    }
  }

  /** The simulated work, and KubeVirt's parallel migration limits as the simulator applies them. */
  static LowerBounds.Work work(SimTiming t) {
    return new LowerBounds.Work(
        t.jobDuration().toMillis(),
        t.rebootDuration().toMillis(),
        t.migrationDuration().toMillis(),
        MigrationController.DEFAULT_PER_NODE,
        MigrationController.DEFAULT_PER_CLUSTER);
  }

  /** Waits the settings impose: the cordon settle of every node, the drift watch at the end. */
  private static long configuredWaitsMs(ControllerProperties properties, int nodes) {
    ControllerProperties.Scheduling s = properties.scheduling();
    return s.cordonSettle().multipliedBy(nodes).plus(s.settlePeriod()).toMillis();
  }

  /** The sandbox's choice of the repo VM's node, for the same seed. */
  private static String repoVmNode(ClusterSpec spec) {
    return spec.nodes().get(new Random(spec.seed()).nextInt(spec.nodes().size())).name();
  }

  /** The controller's view once it has the repo VM Harvester created with the Upgrade. */
  private static ClusterSnapshot awaitRepoVm(ControllerRuntime runtime, ClusterSnapshot before) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      ClusterSnapshot now = runtime.observer().snapshotAt(Instant.now());
      boolean vmSeen = PlanFigures.newVms(before, now) > 0;
      boolean podSeen = now.pods().size() > before.pods().size();
      if ((vmSeen && podSeen) || System.nanoTime() > deadline) {
        return now;
      }
      BenchSession.sleep(2);
    }
  }

  private static String reason(String result, Optional<Journal> journal, Duration timeout) {
    if (SizeResult.SUCCEEDED.equals(result)) {
      return "";
    }
    if (SizeResult.TIMED_OUT.equals(result)) {
      return "the upgrade did not finish within " + timeout.toSeconds() + " s";
    }
    String why =
        journal
            .flatMap(j -> j.upgrade().failureInfo())
            .map(f -> f.reason().code() + ": " + f.message())
            .orElse("");
    return why.length() > 300 ? why.substring(0, 300) + "..." : why;
  }

  private static long dataBytes(ConfigMap cm) {
    long bytes = 0;
    if (cm.getData() != null) {
      for (Map.Entry<String, String> e : cm.getData().entrySet()) {
        bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length;
        bytes += e.getValue().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return bytes;
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
