package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.simulator.kube.Json;
import io.hvst.simulator.kube.Writes;
import io.hvst.simulator.seed.LauncherPods;
import io.hvst.simulator.seed.VmInstances;
import io.hvst.simulator.seed.VmPlan.MigrationFault;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One live migration, phase by phase as KubeVirt reports it: Scheduling (target pod created through
 * the API, so quota admission applies), Scheduled, PreparingTarget, TargetReady, Running (libvirt
 * checks the target CPU here), then Succeeded (the VMI moves, the source pod goes) or Failed.
 */
public final class MigrationRun {

  /** What every run needs. */
  public record Context(
      Informers informers,
      Writes writes,
      VmInstances instances,
      Placement placement,
      ScheduledExecutorService timers,
      Clock clock,
      Duration duration) {}

  private final Context ctx;
  private final MigrationController controller;
  private final String namespace;
  private final String name;
  private final String uid;
  private final String vmi;
  private final String source;
  private final Map<String, String> addedSelector;
  private final MigrationFault fault;
  private final MigrationStatus status;
  private String target = "";
  private String targetPod = "";
  private boolean over;
  private ScheduledFuture<?> next;

  MigrationRun(
      GenericKubernetesResource vmim,
      String source,
      MigrationFault fault,
      Context ctx,
      MigrationController controller) {
    this.ctx = ctx;
    this.controller = controller;
    this.namespace = vmim.getMetadata().getNamespace();
    this.name = vmim.getMetadata().getName();
    this.uid = vmim.getMetadata().getUid();
    Json spec = Json.of(vmim.get("spec"));
    this.vmi = spec.text("vmiName");
    this.addedSelector = spec.at("addedNodeSelector").strings();
    this.source = source;
    this.fault = fault;
    this.status = new MigrationStatus(ctx.writes(), namespace, name, vmi, uid, source, ctx.clock());
  }

  String source() {
    return source;
  }

  void start() {
    after(0, this::scheduling);
  }

  private void scheduling() {
    Optional<GenericKubernetesResource> current =
        Informers.get(ctx.informers().vmis(), namespace, vmi);
    if (current.isEmpty()
        || !"Running".equals(Json.of(current.get().get("status")).text("phase"))) {
      fail("VMI " + namespace + "/" + vmi + " is not running");
      return;
    }
    status.phase("Scheduling", target, targetPod);
    Optional<Node> node = pickTarget(current.get());
    if (node.isEmpty()) {
      after(
          2,
          () ->
              fail(
                  "Migration target pod for VMI ["
                      + namespace
                      + "/"
                      + vmi
                      + "] is currently unschedulable."));
      return;
    }
    target = node.get().getMetadata().getName();
    try {
      Pod pod =
          ctx.instances()
              .createLauncher(current.get(), target, Map.of(LauncherPods.MIGRATION_JOB_LABEL, uid));
      targetPod = pod.getMetadata().getName();
    } catch (KubernetesClientException e) {
      fail("failed to create target pod: " + message(e));
      return;
    }
    after(0.2, this::scheduled);
  }

  private void scheduled() {
    status.phase("Scheduled", target, targetPod);
    status.vmiMigrating(target, targetPod);
    after(
        0.2,
        () -> {
          status.phase("PreparingTarget", target, targetPod);
          after(
              0.2,
              () -> {
                status.phase("TargetReady", target, targetPod);
                after(0.1, this::running);
              });
        });
  }

  private void running() {
    status.running(target, targetPod);
    Optional<String> cpu = cpuMismatch();
    if (cpu.isPresent()) {
      fail(cpu.get());
    } else if (fault == MigrationFault.FAIL) {
      fail("operation failed: migration out job: unexpectedly failed");
    } else if (fault == MigrationFault.NONE) {
      after(0.3, this::succeed);
    }
  }

  private void succeed() {
    controller.counted(true);
    status.vmiMoved(target, targetPod);
    for (Pod pod : sourcePods()) {
      ctx.writes().deletePod(namespace, pod.getMetadata().getName());
    }
    finish();
  }

  private void fail(String reason) {
    controller.counted(false);
    if (!targetPod.isEmpty()) {
      ctx.writes().deletePod(namespace, targetPod);
    }
    status.failed(target, targetPod, reason);
    finish();
  }

  /** The VMIM was deleted: KubeVirt aborts the migration and removes the target pod. */
  synchronized void abort() {
    if (over) {
      return;
    }
    over = true;
    if (next != null) {
      next.cancel(false);
    }
    if (!targetPod.isEmpty()) {
      ctx.writes().deletePod(namespace, targetPod);
    }
    status.vmiAborted(target, targetPod);
  }

  /** Frees the slot on another thread: the controller's lock is never taken under ours. */
  private void finish() {
    over = true;
    ScheduledFuture<?> unused =
        ctx.timers()
            .schedule(() -> controller.finished(namespace + "/" + name), 0, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code step} after {@code fraction} of the migration duration, unless aborted. */
  private void after(double fraction, Runnable step) {
    long delay = Math.round(ctx.duration().toMillis() * fraction);
    synchronized (this) {
      if (over) {
        return;
      }
      next =
          ctx.timers()
              .schedule(
                  () -> {
                    synchronized (this) {
                      if (!over) {
                        step.run();
                      }
                    }
                  },
                  delay,
                  TimeUnit.MILLISECONDS);
    }
  }

  private Optional<Node> pickTarget(GenericKubernetesResource current) {
    Json spec = Json.of(current.get("spec"));
    Map<String, String> selector = new LinkedHashMap<>(spec.at("nodeSelector").strings());
    if (addedSelector.isEmpty()) {
      selector.putAll(CpuRules.targetSelector(spec.at("domain", "cpu"), nodeLabels(source)));
    } else {
      selector.putAll(addedSelector);
    }
    Placement.Demand demand =
        new Placement.Demand(selector, spec.at("affinity"), LauncherPods.requests(current));
    return ctx.placement().candidates(demand, java.util.Set.of(source)).stream().findFirst();
  }

  private Optional<String> cpuMismatch() {
    return Informers.get(ctx.informers().vmis(), namespace, vmi)
        .flatMap(
            v ->
                CpuRules.incompatibility(
                    Json.of(v.get("spec")).at("domain", "cpu"),
                    nodeLabels(source),
                    nodeLabels(target)));
  }

  private Map<String, String> nodeLabels(String node) {
    return Informers.get(ctx.informers().nodes(), null, node)
        .map(Placement::labels)
        .orElse(Map.of());
  }

  private List<Pod> sourcePods() {
    List<Pod> pods = new ArrayList<>();
    for (Pod p : Informers.inNamespace(ctx.informers().pods(), namespace)) {
      Map<String, String> labels = p.getMetadata().getLabels();
      if (labels != null
          && vmi.equals(labels.get(LauncherPods.VMI_LABEL))
          && source.equals(p.getSpec().getNodeName())
          && !p.getMetadata().getName().equals(targetPod)) {
        pods.add(p);
      }
    }
    return pods;
  }

  private static String message(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }
}
