package io.hvst.statemachine.cluster;

import java.util.Objects;

/** A node taint; {@code value} may be empty, never null. */
public record Taint(String key, String value, String effect) {
  public Taint {
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
    Objects.requireNonNull(effect, "effect");
  }

  /** Kubernetes identifies a taint by key and effect. */
  public boolean sameSlot(Taint other) {
    return key.equals(other.key) && effect.equals(other.effect);
  }

  @Override
  public String toString() {
    return value.isEmpty() ? key + ":" + effect : key + "=" + value + ":" + effect;
  }
}
