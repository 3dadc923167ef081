package io.hvst.statemachine.policy;

import java.util.List;
import java.util.Objects;

/**
 * How the per-node upgrade Job runs. {@code image} may contain {@code {version}}; an Upgrade's
 * {@code spec.upgradeImage} overrides it.
 */
public record JobTemplate(String image, List<String> command, List<String> args, int backoffLimit) {
  public JobTemplate {
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    args = List.copyOf(args);
  }

  public String imageFor(String version, String override) {
    if (override != null && !override.isBlank()) {
      return override;
    }
    return image.replace("{version}", version);
  }
}
