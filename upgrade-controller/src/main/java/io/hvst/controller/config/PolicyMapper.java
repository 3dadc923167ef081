package io.hvst.controller.config;

import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.policy.DrainPolicy;
import io.hvst.statemachine.policy.JobTemplate;
import io.hvst.statemachine.policy.SchedulingGuard;
import io.hvst.statemachine.policy.StepTimeouts;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.util.List;

/** Maps the validated configuration to the plain policy the core decides with. */
public final class PolicyMapper {

  private PolicyMapper() {}

  public static UpgradePolicy toPolicy(ControllerProperties properties) {
    ControllerProperties.Upgrade upgrade = properties.upgrade();
    ControllerProperties.Timeouts t = properties.timeouts();
    return new UpgradePolicy(
        upgrade.maxUnavailable(),
        upgrade.osImageTemplate(),
        upgrade.versionLabel(),
        new JobTemplate(
            upgrade.jobImage(),
            nonBlank(upgrade.jobCommand()),
            nonBlank(upgrade.jobArgs()),
            upgrade.jobBackoffLimit()),
        new StepTimeouts(
            t.preDrain(),
            t.repoVmMigration(),
            t.drain(),
            t.upgrade(),
            t.postDrain(),
            t.restoreScheduling()),
        drain(properties.drain()),
        new SchedulingGuard(
            properties.scheduling().cordonSettle(),
            properties.scheduling().maxCordonReverts(),
            properties.scheduling().cordonBackoff(),
            properties.scheduling().settlePeriod()));
  }

  static DrainPolicy drain(ControllerProperties.Drain d) {
    return new DrainPolicy(
        d.maxParallelMigrations(),
        d.maxOutboundPerNode(),
        d.migrationAttempts(),
        d.migrationTimeoutPerGib(),
        d.migrationTimeoutMin(),
        d.nonMigratable() == ControllerProperties.NonMigratable.STOP
            ? DrainPolicy.NonMigratablePolicy.STOP
            : DrainPolicy.NonMigratablePolicy.BLOCK,
        d.allowRepoVmShutdown(),
        d.forceDeleteOnTimeout(),
        d.evictionBackoff(),
        d.preferUpgradedTargets(),
        new Resources(d.launcherOverheadMillicpu(), d.launcherOverheadMemory().toBytes()),
        d.raiseQuota(),
        d.requireRepoVm());
  }

  private static List<String> nonBlank(List<String> values) {
    return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
  }
}
