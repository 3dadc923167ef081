package io.hvst.statemachine.decide;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.Taint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decision as a value: what the controller should do next. Executors in the controller turn each
 * kind into one idempotent Kubernetes call; {@link Wait} does no I/O and only says what blocks.
 */
public sealed interface UpgradeAction
    permits UpgradeAction.Cordon,
        UpgradeAction.Uncordon,
        UpgradeAction.CreateJob,
        UpgradeAction.MigrateVm,
        UpgradeAction.CancelMigration,
        UpgradeAction.SetQuota,
        UpgradeAction.StopVm,
        UpgradeAction.StartVm,
        UpgradeAction.EvictPod,
        UpgradeAction.DeletePod,
        UpgradeAction.PatchScheduling,
        UpgradeAction.ClearAnnotation,
        UpgradeAction.Wait {

  /** The node concerned, or empty for upgrade-wide actions. */
  String node();

  /**
   * Mark the node unschedulable, and annotate it with {@code mark} ({@code <upgrade>/<issue>}) so a
   * later pass can tell a cordon that landed and was reverted from one that never landed.
   */
  record Cordon(String node, String mark) implements UpgradeAction {
    public Cordon {
      Objects.requireNonNull(node, "node");
      mark = mark == null ? "" : mark;
    }

    public Cordon(String node) {
      this(node, "");
    }
  }

  /** Mark the node schedulable again; only for a cordon we made. */
  record Uncordon(String node) implements UpgradeAction {
    public Uncordon {
      Objects.requireNonNull(node, "node");
    }
  }

  /** Create a Job (or adopt the one of the same name). */
  record CreateJob(JobSpec job) implements UpgradeAction {
    public CreateJob {
      Objects.requireNonNull(job, "job");
    }

    @Override
    public String node() {
      return job.node();
    }
  }

  /**
   * Live-migrate a VMI to {@code target}: a VirtualMachineInstanceMigration named {@code
   * migration}, steered with {@code addedNodeSelector} (created, or adopted if it exists).
   */
  record MigrateVm(
      String node,
      String namespace,
      String vmi,
      String migration,
      String target,
      Map<String, String> labels)
      implements UpgradeAction {
    public MigrateVm {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(vmi, "vmi");
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(target, "target");
      labels = Map.copyOf(labels);
    }
  }

  /** Abort a live migration by deleting its migration object. */
  record CancelMigration(String node, String namespace, String migration)
      implements UpgradeAction {}

  /**
   * Set some of a ResourceQuota's {@code spec.hard} amounts (base units), but only if they still
   * are {@code expected}: an absolute, compare-and-swap write, so repeating it changes nothing.
   */
  record SetQuota(
      String node,
      String namespace,
      String quota,
      Map<String, Long> hard,
      Map<String, Long> expected)
      implements UpgradeAction {
    public SetQuota {
      hard = Map.copyOf(hard);
      expected = Map.copyOf(expected);
    }
  }

  /** Stop a VirtualMachine (runStrategy Halted). */
  record StopVm(String node, String namespace, String vm) implements UpgradeAction {}

  /** Start a VirtualMachine again with the runStrategy it had. */
  record StartVm(String node, String namespace, String vm, String runStrategy)
      implements UpgradeAction {}

  /** Evict a pod through the Eviction API (PodDisruptionBudgets apply). */
  record EvictPod(String node, String namespace, String pod) implements UpgradeAction {}

  /** Delete a pod; {@code force} skips its grace period (only after a drain timeout, by policy). */
  record DeletePod(String node, String namespace, String pod, boolean force)
      implements UpgradeAction {}

  /**
   * Put scheduling state back on a node: set labels, remove labels, add taints (taints already on
   * the node stay).
   */
  record PatchScheduling(
      String node, Map<String, String> setLabels, List<String> removeLabels, List<Taint> addTaints)
      implements UpgradeAction {
    public PatchScheduling {
      setLabels = Map.copyOf(setLabels);
      removeLabels = List.copyOf(removeLabels);
      addTaints = List.copyOf(addTaints);
    }
  }

  /** Remove a control annotation from the Upgrade once it has been acted on. */
  record ClearAnnotation(String key) implements UpgradeAction {
    @Override
    public String node() {
      return "";
    }
  }

  /** Nothing to do but wait; {@code reason} says for what. */
  record Wait(String node, Reason reason, String detail) implements UpgradeAction {
    public Wait {
      node = node == null ? "" : node;
      Objects.requireNonNull(reason, "reason");
      detail = detail == null || detail.isBlank() ? reason.text() : detail;
    }
  }
}
