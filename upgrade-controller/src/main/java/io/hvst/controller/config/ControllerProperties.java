package io.hvst.controller.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator can configure, under the {@code hvst} prefix. Defaults live here, next to
 * their meaning; the README's configuration reference is generated from the same names.
 */
@Validated
@ConfigurationProperties("hvst")
public record ControllerProperties(
    @Valid @NotNull @DefaultValue Kubernetes kubernetes,
    @Valid @NotNull @DefaultValue Upgrade upgrade,
    @Valid @NotNull @DefaultValue Timeouts timeouts,
    @Valid @NotNull @DefaultValue Drain drain,
    @Valid @NotNull @DefaultValue Scheduling scheduling,
    @Valid @NotNull @DefaultValue LeaderElection leaderElection,
    @Valid @NotNull @DefaultValue Reconcile reconcile) {

  /** The User-Agent of every request the controller makes, unless configured otherwise. */
  public static final String DEFAULT_USER_AGENT = "hvst-upgrade-controller";

  /** How to reach the API server; empty {@code masterUrl} means kubeconfig or in-cluster. */
  public record Kubernetes(
      @DefaultValue("") String masterUrl,
      @DefaultValue("false") boolean trustCerts,
      @DefaultValue(DEFAULT_USER_AGENT) @NotBlank String userAgent,
      @DefaultValue("20s") @NotNull Duration requestTimeout,
      @DefaultValue("harvester-system") @NotBlank String namespace) {}

  /** How nodes are upgraded. */
  public record Upgrade(
      @DefaultValue("1") @Min(1) int maxUnavailable,
      @DefaultValue("Harvester {version}") @NotBlank String osImageTemplate,
      @DefaultValue("") String versionLabel,
      @DefaultValue("rancher/harvester-upgrade:{version}") @NotBlank String jobImage,
      @DefaultValue("upgrade_node.sh") List<String> jobCommand,
      @DefaultValue("") List<String> jobArgs,
      @DefaultValue("2") @Min(0) int jobBackoffLimit) {}

  /** How long each node step may take before it fails with a reason. */
  public record Timeouts(
      @DefaultValue("15m") @NotNull Duration preDrain,
      @DefaultValue("30m") @NotNull Duration repoVmMigration,
      @DefaultValue("60m") @NotNull Duration drain,
      @DefaultValue("90m") @NotNull Duration upgrade,
      @DefaultValue("15m") @NotNull Duration postDrain,
      @DefaultValue("15m") @NotNull Duration restoreScheduling) {}

  /** How nodes are emptied of VMs and pods (see {@code DrainPolicy}). */
  public record Drain(
      @DefaultValue("5") @Min(1) int maxParallelMigrations,
      @DefaultValue("2") @Min(1) int maxOutboundPerNode,
      @DefaultValue("3") @Min(1) int migrationAttempts,
      @DefaultValue("150s") @NotNull Duration migrationTimeoutPerGib,
      @DefaultValue("5m") @NotNull Duration migrationTimeoutMin,
      @DefaultValue("block") @NotNull NonMigratable nonMigratable,
      @DefaultValue("false") boolean allowRepoVmShutdown,
      @DefaultValue("false") boolean forceDeleteOnTimeout,
      @DefaultValue("5s") @NotNull Duration evictionBackoff,
      @DefaultValue("true") boolean preferUpgradedTargets,
      @DefaultValue("100") @Min(0) long launcherOverheadMillicpu,
      @DefaultValue("256MB") @NotNull DataSize launcherOverheadMemory,
      @DefaultValue("true") boolean raiseQuota,
      @DefaultValue("true") boolean requireRepoVm) {}

  /** Scheduling state that survives the upgrade (see {@code SchedulingGuard}). */
  public record Scheduling(
      @DefaultValue("3s") @NotNull Duration cordonSettle,
      @DefaultValue("3") @Min(0) int maxCordonReverts,
      @DefaultValue("1s") @NotNull Duration cordonBackoff,
      @DefaultValue("3m") @NotNull Duration settlePeriod,
      @DefaultValue("harvester-system") @NotBlank String policyNamespace,
      @DefaultValue("hvst-scheduling-policy") @NotBlank String policyConfigMap) {}

  /** What to do with VMs that cannot be live-migrated. */
  public enum NonMigratable {
    /** Wait (blocked, listing them) until someone moves or stops them. */
    BLOCK,
    /** Stop them, record them, start them again once the node is back. */
    STOP
  }

  /** Lease-based leader election among replicas. */
  public record LeaderElection(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("hvst-upgrade-controller") @NotBlank String leaseName,
      @DefaultValue("") String identity,
      @DefaultValue("15s") @NotNull Duration leaseDuration,
      @DefaultValue("10s") @NotNull Duration renewDeadline,
      @DefaultValue("2s") @NotNull Duration retryPeriod) {
    public LeaderElection {
      if (renewDeadline != null
          && leaseDuration != null
          && renewDeadline.compareTo(leaseDuration) >= 0) {
        throw new IllegalArgumentException(
            "hvst.leader-election.renew-deadline must be shorter than lease-duration");
      }
    }
  }

  /** The reconcile loop's own timing: it never polls, these only bound waits. */
  public record Reconcile(
      @DefaultValue("20ms") @NotNull Duration debounce,
      @DefaultValue("5m") @NotNull Duration resync,
      @DefaultValue("5s") @NotNull Duration staleCacheGrace,
      @DefaultValue("1s") @NotNull Duration errorBackoff,
      @DefaultValue("60s") @NotNull Duration maxErrorBackoff) {}
}
