package io.hvst.statemachine.decide;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names and labels of what the controller creates. Names derive from upgrade, node, step and
 * attempt, so a restarted controller finds (adopts) what it created before instead of repeating it.
 */
public final class ResourceNames {

  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "hvst-upgrade-orchestrator";
  public static final String UPGRADE_LABEL = "harvesterhci.io/upgrade";
  public static final String NODE_LABEL = "upgrade.hvst.io/node";
  public static final String STEP_LABEL = "upgrade.hvst.io/step";

  private static final int MAX_NAME = 63;

  private ResourceNames() {}

  /** The journal ConfigMap of an upgrade. */
  public static String journal(String upgrade) {
    return upgrade + "-progress";
  }

  /** The Job that upgrades {@code node}'s operating system, for one attempt. */
  public static String upgradeJob(String upgrade, String node, int attempt) {
    return dnsLabel("hvst-" + upgrade + "-" + node + "-upgrade-" + attempt);
  }

  /** The migration of a VMI off {@code node}, for one attempt. */
  public static String migration(String upgrade, String vmi, String node, int attempt) {
    return dnsLabel("hvst-" + upgrade + "-" + vmi + "-" + node + "-" + attempt);
  }

  /** A DNS-1123 label: lower case, at most 63 characters, shortened with a stable hash. */
  static String dnsLabel(String raw) {
    String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = sha256(name).substring(0, 10);
    return name.substring(0, MAX_NAME - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
