package io.hvst.statemachine.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One live migration the controller asked for, recorded before the migration object is created.
 *
 * @param vm the VMI as {@code namespace/name}
 * @param migration the VirtualMachineInstanceMigration's name (derived, so a restart adopts it)
 * @param result empty while running, then Succeeded or Failed
 */
public record MigrationRecord(
    String vm,
    String migration,
    String source,
    String target,
    int attempt,
    Instant startedAt,
    Instant finishedAt,
    String result,
    String message) {

  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  public MigrationRecord {
    Objects.requireNonNull(vm, "vm");
    migration = migration == null ? "" : migration;
    source = source == null ? "" : source;
    target = target == null ? "" : target;
    result = result == null ? "" : result;
    message = message == null ? "" : message;
  }

  public boolean finished() {
    return !result.isEmpty();
  }

  /**
   * The finished record. A succeeded migration keeps only what people read later (where the VM
   * went, when, how long): its object name and source are derivable, and dropping them keeps the
   * journal of a 200-node upgrade under the ConfigMap size limit.
   */
  public MigrationRecord finish(String outcome, String why, Instant at) {
    boolean ok = SUCCEEDED.equals(outcome);
    return new MigrationRecord(
        vm, ok ? "" : migration, ok ? "" : source, target, attempt, startedAt, at, outcome, why);
  }
}
