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
    Objects.requireNonNull(migration, "migration");
    source = source == null ? "" : source;
    target = target == null ? "" : target;
    result = result == null ? "" : result;
    message = message == null ? "" : message;
  }

  public boolean finished() {
    return !result.isEmpty();
  }

  public MigrationRecord finish(String outcome, String why, Instant at) {
    return new MigrationRecord(vm, migration, source, target, attempt, startedAt, at, outcome, why);
  }
}
