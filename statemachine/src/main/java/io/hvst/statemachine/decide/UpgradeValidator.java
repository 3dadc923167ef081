package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.Version;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/** Checks an Upgrade before anything is touched for it. */
public final class UpgradeValidator {

  private final UpgradePolicy policy;

  public UpgradeValidator(UpgradePolicy policy) {
    this.policy = policy;
  }

  public Optional<Refusal> validate(UpgradeRequest upgrade, ClusterSnapshot snapshot) {
    String raw = upgrade.version();
    if (raw == null || raw.isBlank()) {
      return refuse(
          Reason.MISSING_VERSION, "The Upgrade has no spec.version; set it, e.g. v1.5.0.");
    }
    Optional<Version> target = Version.parse(raw);
    if (target.isEmpty()) {
      return refuse(
          Reason.INVALID_VERSION,
          "spec.version \"" + raw + "\" is not a version of the form vMAJOR.MINOR.PATCH.");
    }
    Collection<NodeView> nodes = snapshot.nodes().values();
    if (nodes.isEmpty()) {
      return refuse(Reason.NO_NODES, null);
    }
    String version = raw.trim();
    if (nodes.stream().allMatch(n -> policy.reportsVersion(n, version))) {
      return refuse(
          Reason.ALREADY_AT_VERSION,
          "Every node already runs " + version + "; nothing to upgrade.");
    }
    Optional<Version> newest = newestRunning(nodes);
    if (newest.isPresent() && newest.get().compareTo(target.get()) > 0) {
      return refuse(
          Reason.DOWNGRADE_REFUSED,
          "The cluster runs "
              + newest.get()
              + "; downgrading to "
              + version
              + " is not supported.");
    }
    return Optional.empty();
  }

  /** The oldest version any node reports: what the cluster runs before the upgrade. */
  public String previousVersion(ClusterSnapshot snapshot) {
    return snapshot.nodes().values().stream()
        .map(policy::reportedVersion)
        .map(Version::parse)
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder())
        .map(Objects::toString)
        .orElse("");
  }

  private Optional<Version> newestRunning(Collection<NodeView> nodes) {
    return nodes.stream()
        .map(policy::reportedVersion)
        .map(Version::parse)
        .flatMap(Optional::stream)
        .max(Comparator.naturalOrder());
  }

  private static Optional<Refusal> refuse(Reason reason, String message) {
    return Optional.of(new Refusal(reason, message));
  }
}
