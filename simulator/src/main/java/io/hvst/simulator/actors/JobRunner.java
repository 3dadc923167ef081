package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Job controller and the kubelet running Job pods: a Job completes after a delay (or fails,
 * when told to). A node upgrade Job, when it completes, reboots its node into the new version.
 */
public final class JobRunner implements AutoCloseable {

  static final String STEP_LABEL = "upgrade.hvst.io/step";
  static final String VERSION_ENV = "HARVESTER_UPGRADE_VERSION";

  private final KubernetesClient client;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final Duration duration;
  private final NodeOs os;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Set<String> failOn = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> createdPerName = new ConcurrentHashMap<>();
  private SharedIndexInformer<Job> informer;

  public JobRunner(
      KubernetesClient client,
      ScheduledExecutorService timers,
      Clock clock,
      Duration duration,
      NodeOs os) {
    this.client = client;
    this.timers = timers;
    this.clock = clock;
    this.duration = duration;
    this.os = os;
  }

  /** Upgrade Jobs on this node fail. */
  public void failUpgradeJobsOn(String node) {
    failOn.add(node);
  }

  /**
   * Upgrade Jobs on this node complete again (the fault is cleared; a Job already failed stays so).
   */
  public void healUpgradeJobsOn(String node) {
    failOn.remove(node);
  }

  /** How many Jobs were ever created, per name (a repeated create is a repeated side effect). */
  public Map<String, AtomicInteger> created() {
    return createdPerName;
  }

  public void start() {
    informer =
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    accept(job);
                  }

                  @Override
                  public void onUpdate(Job before, Job after) {}

                  @Override
                  public void onDelete(Job job, boolean unknown) {}
                });
  }

  private void accept(Job job) {
    if (!seen.add(job.getMetadata().getUid())) {
      return;
    }
    createdPerName
        .computeIfAbsent(job.getMetadata().getName(), k -> new AtomicInteger())
        .incrementAndGet();
    if (job.getStatus() != null
        && job.getStatus().getConditions() != null
        && !job.getStatus().getConditions().isEmpty()) {
      return;
    }
    ScheduledFuture<?> unused =
        timers.schedule(() -> finish(job), duration.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finish(Job job) {
    String node = job.getSpec().getTemplate().getSpec().getNodeName();
    if (os.isRemoved(node)) {
      // Its pod went with the machine, and a new one can never run there: the Job stays active.
      return;
    }
    boolean upgrade = "upgrade".equals(job.getMetadata().getLabels().get(STEP_LABEL));
    boolean fail = upgrade && failOn.contains(node);
    String now = clock.instant().toString();
    Map<String, Object> condition =
        Map.of(
            "type",
            fail ? "Failed" : "Complete",
            "status",
            "True",
            "lastTransitionTime",
            now,
            "message",
            fail ? "upgrade_node.sh exited with status 1" : "");
    Map<String, Object> status =
        fail
            ? Map.of("failed", 1, "active", 0, "conditions", List.of(condition))
            : Map.of(
                "succeeded",
                1,
                "active",
                0,
                "completionTime",
                now,
                "conditions",
                List.of(condition));
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(job.getMetadata().getNamespace())
          .withName(job.getMetadata().getName())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              client.getKubernetesSerialization().asJson(Map.of("status", status)));
    } catch (KubernetesClientException e) {
      return;
    }
    if (upgrade && !fail) {
      os.reboot(node, version(job));
    }
  }

  private static String version(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().stream()
        .flatMap(c -> c.getEnv().stream())
        .filter(e -> VERSION_ENV.equals(e.getName()))
        .map(EnvVar::getValue)
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("upgrade Job without " + VERSION_ENV));
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
