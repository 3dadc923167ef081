package io.hvst.controller.observe;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.NodeRole;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.cluster.UpgradeRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns fabric8 objects into the core's immutable views. Missing fields become safe defaults. */
public final class Translate {

  private Translate() {}

  public static NodeView node(Node node) {
    Map<String, String> labels = orEmpty(node.getMetadata().getLabels());
    List<Taint> taints =
        node.getSpec() == null || node.getSpec().getTaints() == null
            ? List.of()
            : node.getSpec().getTaints().stream()
                .map(t -> new Taint(t.getKey(), t.getValue(), t.getEffect()))
                .toList();
    boolean unschedulable =
        node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    var status = node.getStatus();
    String osImage =
        status == null || status.getNodeInfo() == null ? "" : status.getNodeInfo().getOsImage();
    Map<String, Quantity> allocatable =
        status == null || status.getAllocatable() == null ? Map.of() : status.getAllocatable();
    return new NodeView(
        node.getMetadata().getName(),
        isReady(node),
        unschedulable,
        NodeRole.fromLabels(labels),
        labels,
        taints,
        osImage,
        new Resources(milliCpu(allocatable.get("cpu")), bytes(allocatable.get("memory"))),
        orEmpty(node.getMetadata().getAnnotations()).getOrDefault(NodeView.CORDON_MARK, ""));
  }

  static boolean isReady(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return false;
    }
    return node.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(NodeCondition::getStatus)
        .anyMatch("True"::equals);
  }

  public static JobView job(Job job) {
    List<JobCondition> conditions =
        job.getStatus() == null || job.getStatus().getConditions() == null
            ? List.of()
            : job.getStatus().getConditions();
    Optional<JobCondition> failed = find(conditions, "Failed");
    if (failed.isPresent()) {
      return new JobView(
          namespace(job), name(job), JobView.Phase.FAILED, failed.get().getMessage());
    }
    if (find(conditions, "Complete").isPresent()) {
      return new JobView(namespace(job), name(job), JobView.Phase.SUCCEEDED, "");
    }
    return new JobView(namespace(job), name(job), JobView.Phase.ACTIVE, "");
  }

  public static UpgradeRequest upgrade(Upgrade upgrade) {
    var spec = upgrade.getSpec();
    return new UpgradeRequest(
        upgrade.getMetadata().getNamespace(),
        upgrade.getMetadata().getName(),
        upgrade.getMetadata().getUid(),
        spec == null ? null : spec.getVersion(),
        spec == null ? null : spec.getUpgradeImage(),
        instant(upgrade.getMetadata().getCreationTimestamp()),
        orEmpty(upgrade.getMetadata().getAnnotations()));
  }

  /** The reason of the Upgrade's Completed condition, or empty. */
  public static String completedReason(Upgrade upgrade) {
    if (upgrade.getStatus() == null) {
      return "";
    }
    return upgrade.getStatus().getConditions().stream()
        .filter(c -> "Completed".equals(c.getType()))
        .map(UpgradeCondition::getReason)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse("");
  }

  /** A quantity in base units: millicores for cpu resources, bytes or counts for the rest. */
  public static long amount(String resource, Quantity q) {
    return resource.endsWith("cpu") ? milliCpu(q) : bytes(q);
  }

  static long milliCpu(Quantity q) {
    return q == null
        ? 0
        : Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).longValue();
  }

  static long bytes(Quantity q) {
    return q == null ? 0 : Quantity.getAmountInBytes(q).longValue();
  }

  private static Instant instant(String timestamp) {
    try {
      return timestamp == null ? Instant.EPOCH : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static Optional<JobCondition> find(List<JobCondition> conditions, String type) {
    return conditions.stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static String namespace(Job job) {
    return job.getMetadata().getNamespace();
  }

  private static String name(Job job) {
    return job.getMetadata().getName();
  }

  static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
