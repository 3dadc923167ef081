package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.decide.NodeStep;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.decide.StepResult;
import io.hvst.statemachine.decide.UpgradeAction.CreateJob;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeEvent;
import java.util.Optional;

/**
 * Runs the node upgrade Job and waits until the node is Ready again and reports the target version.
 * The Job name is journaled before the Job is created; a Job that already exists under that name is
 * adopted, never created twice.
 */
public final class UpgradeStep implements NodeStep {

  @Override
  public StepResult decide(StepContext ctx) {
    Optional<NodeView> observed = ctx.node();
    NodeRecord rec = ctx.record();
    if (observed.isEmpty()) {
      return StepResult.fail(Reason.NODE_GONE, "Node " + rec.name() + " no longer exists.");
    }
    NodeView node = observed.get();
    CordonGuard.Check cordon = CordonGuard.check(ctx, rec, node, false);
    if (cordon.hold().isPresent()) {
      return cordon.hold().get();
    }
    rec = cordon.record();
    boolean upgraded = node.ready() && ctx.policy().reportsVersion(node, ctx.targetVersion());
    if (rec.jobName().isEmpty()) {
      if (upgraded) {
        return StepResult.advance(NodeEvent.NODE_UPGRADED, rec);
      }
      rec = rec.withJob(ResourceNames.upgradeJob(ctx.upgrade().name(), rec.name(), rec.attempt()));
    }
    String jobName = rec.jobName().orElseThrow();
    Optional<JobView> job = ctx.snapshot().job(ctx.upgrade().namespace(), jobName);
    if (job.isEmpty()) {
      if (upgraded) {
        return StepResult.advance(NodeEvent.NODE_UPGRADED, rec);
      }
      return StepResult.stay(
          rec,
          Reason.UPGRADE_JOB_RUNNING,
          "Creating Job " + jobName + ".",
          new CreateJob(NodeJobs.upgradeJob(ctx.with(rec))));
    }
    return afterJobCreated(ctx, rec, node, job.get(), upgraded);
  }

  private static StepResult afterJobCreated(
      StepContext ctx, NodeRecord rec, NodeView node, JobView job, boolean upgraded) {
    if (job.phase() == JobView.Phase.FAILED) {
      return StepResult.fail(
          Reason.UPGRADE_JOB_FAILED, "Job " + job.name() + " failed: " + job.message());
    }
    if (job.phase() == JobView.Phase.ACTIVE) {
      return StepResult.stay(rec, Reason.UPGRADE_JOB_RUNNING, "Job " + job.name() + " is running.");
    }
    if (upgraded) {
      return StepResult.advance(NodeEvent.NODE_UPGRADED, rec);
    }
    if (!node.ready()) {
      return ctx.timedOut()
          ? StepResult.fail(
              Reason.NODE_DID_NOT_RETURN,
              "Node " + node.name() + " did not come back Ready within " + timeout(ctx) + ".")
          : StepResult.stay(rec, Reason.NODE_REBOOTING, "Node " + node.name() + " is rebooting.");
    }
    String reported = node.osImage();
    return ctx.timedOut()
        ? StepResult.fail(
            Reason.VERSION_NOT_REPORTED,
            "Node "
                + node.name()
                + " reports \""
                + reported
                + "\", not "
                + ctx.targetVersion()
                + ".")
        : StepResult.stay(
            rec,
            Reason.WAITING_FOR_VERSION,
            "Node "
                + node.name()
                + " reports \""
                + reported
                + "\"; waiting for "
                + ctx.targetVersion()
                + ".");
  }

  private static String timeout(StepContext ctx) {
    return ctx.policy().timeout(ctx.record().state()).toString();
  }
}
