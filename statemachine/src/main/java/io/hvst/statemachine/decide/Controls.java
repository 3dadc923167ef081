package io.hvst.statemachine.decide;

import io.hvst.statemachine.cluster.UpgradeRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person asks of a running upgrade, through annotations on the Upgrade (so RBAC governs who
 * may): pause after the current step, abort, retry a failed node, and Harvester's per-node pause
 * map ({@code {"node-1":"pause","node-2":"unpause"}}). A malformed value is named in {@code errors}
 * and ignored.
 */
public record Controls(
    boolean pause,
    boolean abort,
    Optional<String> retryNode,
    Map<String, Boolean> nodePause,
    List<String> errors) {

  public static final String PAUSE = "upgrade.hvst.io/pause";
  public static final String ABORT = "upgrade.hvst.io/abort";
  public static final String RETRY = "upgrade.hvst.io/retry";
  public static final String PAUSE_MAP = "harvesterhci.io/node-upgrade-pause-map";

  public Controls {
    nodePause = Map.copyOf(nodePause);
    errors = List.copyOf(errors);
  }

  public static Controls of(UpgradeRequest upgrade) {
    String retry = upgrade.annotation(RETRY).trim();
    FlatJson.Result map = FlatJson.parse(upgrade.annotation(PAUSE_MAP));
    Map<String, Boolean> nodePause = new java.util.TreeMap<>();
    List<String> errors =
        new java.util.ArrayList<>(map.errors().stream().map(e -> PAUSE_MAP + ": " + e).toList());
    map.values()
        .forEach(
            (node, value) -> {
              switch (value) {
                case "pause" -> nodePause.put(node, true);
                case "unpause" -> nodePause.put(node, false);
                default ->
                    errors.add(
                        PAUSE_MAP
                            + ": node \""
                            + node
                            + "\" has \""
                            + value
                            + "\"; expected \"pause\" or \"unpause\"");
              }
            });
    return new Controls(
        isTrue(upgrade, PAUSE, errors),
        isTrue(upgrade, ABORT, errors),
        retry.isEmpty() ? Optional.empty() : Optional.of(retry),
        nodePause,
        errors);
  }

  /** True when the node should stop after its current step (upgrade paused, or the node). */
  public boolean pauses(String node) {
    return pause || nodePause.getOrDefault(node, false);
  }

  private static boolean isTrue(UpgradeRequest upgrade, String key, List<String> errors) {
    String value = upgrade.annotation(key).trim();
    if (value.isEmpty() || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    errors.add(key + " is \"" + value + "\"; expected \"true\" or \"false\"");
    return false;
  }
}
