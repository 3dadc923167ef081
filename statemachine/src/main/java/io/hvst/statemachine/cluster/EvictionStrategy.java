package io.hvst.statemachine.cluster;

/** KubeVirt's {@code spec.evictionStrategy} of a VMI. */
public enum EvictionStrategy {
  LIVE_MIGRATE,
  LIVE_MIGRATE_IF_POSSIBLE,
  EXTERNAL,
  NONE;

  /** KubeVirt's spelling: LiveMigrate, LiveMigrateIfPossible, External, None (default None). */
  public static EvictionStrategy parse(String text) {
    if (text == null) {
      return NONE;
    }
    return switch (text) {
      case "LiveMigrate" -> LIVE_MIGRATE;
      case "LiveMigrateIfPossible" -> LIVE_MIGRATE_IF_POSSIBLE;
      case "External" -> EXTERNAL;
      default -> NONE;
    };
  }
}
