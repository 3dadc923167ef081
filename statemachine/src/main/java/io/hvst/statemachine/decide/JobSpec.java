package io.hvst.statemachine.decide;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A Job pinned to one node, as the controller wants it to exist. */
public record JobSpec(
    String namespace,
    String name,
    String node,
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    Map<String, String> labels,
    int backoffLimit) {

  public JobSpec {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
  }
}
