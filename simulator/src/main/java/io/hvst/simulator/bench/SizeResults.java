package io.hvst.simulator.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns what a size's run measured into the report's numbers. */
final class SizeResults {

  private static final double NANOS_PER_MS = 1e6;
  private static final double NANOS_PER_S = 1e9;
  private static final double MIB = 1024.0 * 1024.0;

  private SizeResults() {}

  static SizeResult of(Measured m) {
    Optional<JournalTimeline> timeline = m.journal().flatMap(JournalTimeline::of);
    Long makespan = timeline.map(JournalTimeline::makespanMs).orElse(null);
    Long pipelined =
        timeline
            .map(t -> PipelineModel.pipelinedMs(t.headMs(), t.nodes(), t.tailMs()))
            .orElse(null);
    Long serial =
        timeline.map(t -> PipelineModel.serialMs(t.headMs(), t.nodes(), t.tailMs())).orElse(null);
    long requests = m.apiRequests();
    ResourceSampler.Usage u = m.usage();
    Percentiles life = new Percentiles(m.migrationLifeMs());
    Double slotUse =
        timeline.map(t -> slotUse(m.migrationLifeMs(), t, m.work().outboundPerNode())).orElse(null);
    SizeResult.Details details =
        new SizeResult.Details(
            Math.round(m.setupNanos() / NANOS_PER_MS),
            Math.round(m.upgradeNanos() / NANOS_PER_MS),
            m.configuredWaitsMs(),
            serial,
            m.migrationsSucceeded(),
            m.migrationsFailed(),
            m.plan().planned().migrations(),
            m.plan().naive().migrations(),
            requests,
            m.apiRequestsByVerb(),
            m.leaseRenewals(),
            m.journalWrites(),
            m.journalBytesWritten(),
            m.upgradeUpdates(),
            m.unchangedUpgradeUpdates(),
            m.nodeUpdates(),
            m.unchangedNodeUpdates(),
            timeline.map(JournalTimeline::meanStepMs).orElse(Map.of()),
            m.reactions(),
            ReactionSummary.ms(life.at(50)),
            ReactionSummary.ms(life.at(99)),
            slotUse,
            round(m.controllerStartCpuNanos() / NANOS_PER_S, 3),
            round(u.otherThreadsCpuNanos() / NANOS_PER_S, 3),
            round(u.jvmCpuNanos() / NANOS_PER_S, 3),
            round(u.processCpuNanos() / NANOS_PER_S, 3),
            round(m.heapAfterGcBytes() / MIB, 1),
            round(m.loadAverage(), 2));
    return new SizeResult(
        m.size().nodes(),
        m.vms(),
        Math.round(m.wallNanos() / NANOS_PER_MS),
        makespan,
        LowerBounds.makespanMs(m.plan().mustLeave(), m.work()),
        pipelined,
        round((double) m.migrationsSucceeded() / m.vms(), 3),
        round(LowerBounds.migrationsPerVm(m.plan().mustLeave()), 3),
        round(m.plan().naive().migrationsPerVm(), 3),
        round((double) requests / m.vms(), 2),
        round((double) requests / m.size().nodes(), 2),
        m.reactions().p50Ms(),
        m.reactions().p99Ms(),
        round(u.controllerCpuNanos() / NANOS_PER_S, 3),
        round(u.peakHeapBytes() / MIB, 1),
        m.journalBytes(),
        m.size().label(),
        m.result(),
        m.reason(),
        round(m.plan().planned().migrationsPerVm(), 3),
        details);
  }

  /** A size whose VMs cannot all find a place with one node out of service: not run. */
  static SizeResult doesNotFit(BenchSize size, int vms, PlanFigures plan, LowerBounds.Work work) {
    SizeResult r = SizeResult.notRun(size, vms, SizeResult.DOES_NOT_FIT, plan.blockerSummary());
    return new SizeResult(
        r.nodes(),
        r.vms(),
        null,
        null,
        LowerBounds.makespanMs(plan.mustLeave(), work),
        null,
        null,
        round(LowerBounds.migrationsPerVm(plan.mustLeave()), 3),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        r.size(),
        r.result(),
        r.reason(),
        null,
        null);
  }

  private static Double slotUse(List<Double> lives, JournalTimeline t, int perNode) {
    long drains = t.meanStepMs().getOrDefault("DRAIN", 0L) * t.nodes().size();
    double busy = lives.stream().mapToDouble(Double::doubleValue).sum();
    return drains == 0 ? null : round(busy / ((double) drains * perNode), 2);
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
