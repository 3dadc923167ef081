package io.hvst.statemachine.journal;

import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The upgrade-wide entry of the journal.
 *
 * @param upgradeUid the uid of the Upgrade this journal belongs to
 * @param order the node order, fixed when the upgrade starts
 * @param previousVersion the version the cluster ran before
 * @param lastRetry the retry request last acted on ({@code node@attempt}); the annotation is
 *     removed once acted on, and this keeps a restart between the two from retrying twice
 */
public record UpgradeRecord(
    int schemaVersion,
    String upgradeUid,
    UpgradePhase phase,
    List<String> order,
    String targetVersion,
    String previousVersion,
    Map<UpgradePhase, Instant> entered,
    Failure failure,
    String lastRetry) {

  public static final int SCHEMA_VERSION = 1;

  public UpgradeRecord {
    Objects.requireNonNull(upgradeUid, "upgradeUid");
    Objects.requireNonNull(phase, "phase");
    order = order == null ? List.of() : List.copyOf(order);
    Objects.requireNonNull(targetVersion, "targetVersion");
    previousVersion = previousVersion == null ? "" : previousVersion;
    entered = Collections.unmodifiableMap(copy(entered));
    lastRetry = lastRetry == null ? "" : lastRetry;
  }

  public UpgradeRecord(
      int schemaVersion,
      String upgradeUid,
      UpgradePhase phase,
      List<String> order,
      String targetVersion,
      String previousVersion,
      Map<UpgradePhase, Instant> entered,
      Failure failure) {
    this(
        schemaVersion,
        upgradeUid,
        phase,
        order,
        targetVersion,
        previousVersion,
        entered,
        failure,
        "");
  }

  public Optional<Instant> enteredAt(UpgradePhase p) {
    return Optional.ofNullable(entered.get(p));
  }

  public Optional<Failure> failureInfo() {
    return Optional.ofNullable(failure);
  }

  public UpgradeRecord enter(UpgradePhase next, Instant at) {
    Map<UpgradePhase, Instant> times = copy(entered);
    times.put(next, at);
    return new UpgradeRecord(
        schemaVersion,
        upgradeUid,
        next,
        order,
        targetVersion,
        previousVersion,
        times,
        failure,
        lastRetry);
  }

  public UpgradeRecord withOrder(List<String> nodes) {
    return new UpgradeRecord(
        schemaVersion,
        upgradeUid,
        phase,
        nodes,
        targetVersion,
        previousVersion,
        entered,
        failure,
        lastRetry);
  }

  public UpgradeRecord withFailure(Failure cause) {
    return new UpgradeRecord(
        schemaVersion,
        upgradeUid,
        phase,
        order,
        targetVersion,
        previousVersion,
        entered,
        cause,
        lastRetry);
  }

  public UpgradeRecord withLastRetry(String token) {
    return new UpgradeRecord(
        schemaVersion,
        upgradeUid,
        phase,
        order,
        targetVersion,
        previousVersion,
        entered,
        failure,
        token);
  }

  private static Map<UpgradePhase, Instant> copy(Map<UpgradePhase, Instant> times) {
    Map<UpgradePhase, Instant> copy = new EnumMap<>(UpgradePhase.class);
    if (times != null) {
      copy.putAll(times);
    }
    return copy;
  }
}
