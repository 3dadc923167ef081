package io.hvst.statemachine.cluster;

import java.util.Objects;

/** What the controller observed of one Job it created. */
public record JobView(String namespace, String name, Phase phase, String message) {

  /** Where a Job is; a Job is active until it has a Complete or Failed condition. */
  public enum Phase {
    ACTIVE,
    SUCCEEDED,
    FAILED
  }

  public JobView {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phase, "phase");
    message = message == null ? "" : message;
  }
}
