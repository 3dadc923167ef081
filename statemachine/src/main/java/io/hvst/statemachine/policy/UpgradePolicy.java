package io.hvst.statemachine.policy;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.lifecycle.NodeState;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything configurable that decisions depend on, as plain values.
 *
 * @param osImageTemplate what {@code status.nodeInfo.osImage} reads once a node runs a version,
 *     with {@code {version}} standing for it
 * @param versionLabel a node label that reports the version instead, when not blank
 */
public record UpgradePolicy(
    int maxUnavailable,
    String osImageTemplate,
    String versionLabel,
    JobTemplate upgradeJob,
    StepTimeouts timeouts,
    DrainPolicy drain,
    SchedulingGuard scheduling) {

  public UpgradePolicy {
    if (maxUnavailable < 1) {
      throw new IllegalArgumentException("maxUnavailable must be at least 1");
    }
    Objects.requireNonNull(osImageTemplate, "osImageTemplate");
    versionLabel = versionLabel == null ? "" : versionLabel;
    Objects.requireNonNull(upgradeJob, "upgradeJob");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(drain, "drain");
    Objects.requireNonNull(scheduling, "scheduling");
  }

  /** True when the node says it runs {@code version}. */
  public boolean reportsVersion(NodeView node, String version) {
    if (!versionLabel.isBlank()) {
      return version.equals(node.labels().get(versionLabel));
    }
    return node.osImage().equals(osImageTemplate.replace("{version}", version));
  }

  /** The version a node reports, read back through the template; empty when it does not match. */
  public String reportedVersion(NodeView node) {
    if (!versionLabel.isBlank()) {
      return node.labels().getOrDefault(versionLabel, "");
    }
    int at = osImageTemplate.indexOf("{version}");
    if (at < 0) {
      return "";
    }
    String prefix = osImageTemplate.substring(0, at);
    String suffix = osImageTemplate.substring(at + "{version}".length());
    String image = node.osImage();
    if (image.length() < prefix.length() + suffix.length()
        || !image.startsWith(prefix)
        || !image.endsWith(suffix)) {
      return "";
    }
    return image.substring(prefix.length(), image.length() - suffix.length());
  }

  public Duration timeout(NodeState step) {
    return timeouts.of(step);
  }
}
