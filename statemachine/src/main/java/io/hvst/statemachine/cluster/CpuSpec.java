package io.hvst.statemachine.cluster;

import java.util.List;

/**
 * The CPU a VM asks for: a named model, {@code host-model} or {@code host-passthrough} (an empty
 * model means KubeVirt's default, host-model), plus features it requires.
 */
public record CpuSpec(String model, List<String> requiredFeatures) {

  public static final String HOST_MODEL = "host-model";
  public static final String HOST_PASSTHROUGH = "host-passthrough";

  public CpuSpec {
    model = model == null || model.isBlank() ? HOST_MODEL : model;
    requiredFeatures = List.copyOf(requiredFeatures);
  }

  public static CpuSpec hostModel() {
    return new CpuSpec(HOST_MODEL, List.of());
  }

  public boolean isHostModel() {
    return HOST_MODEL.equals(model);
  }

  public boolean isHostPassthrough() {
    return HOST_PASSTHROUGH.equals(model);
  }

  public boolean isNamed() {
    return !isHostModel() && !isHostPassthrough();
  }
}
