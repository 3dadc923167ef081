package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.decide.JobSpec;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.decide.StepContext;
import io.hvst.statemachine.policy.JobTemplate;
import java.util.Map;

/** The Jobs a node step runs, built from the policy and the Upgrade. */
final class NodeJobs {

  private NodeJobs() {}

  static JobSpec upgradeJob(StepContext ctx) {
    JobTemplate template = ctx.policy().upgradeJob();
    String version = ctx.targetVersion();
    String node = ctx.record().name();
    return new JobSpec(
        ctx.upgrade().namespace(),
        ctx.record().jobName().orElseThrow(),
        node,
        template.imageFor(version, ctx.upgrade().upgradeImage()),
        template.command(),
        template.args(),
        Map.of(
            "HARVESTER_UPGRADE_NAME", ctx.upgrade().name(),
            "HARVESTER_UPGRADE_VERSION", version,
            "HARVESTER_UPGRADE_NODE", node),
        Map.of(
            ResourceNames.MANAGED_BY_LABEL,
            ResourceNames.MANAGED_BY,
            ResourceNames.UPGRADE_LABEL,
            ctx.upgrade().name(),
            ResourceNames.NODE_LABEL,
            node,
            ResourceNames.STEP_LABEL,
            "upgrade"),
        template.backoffLimit());
  }
}
