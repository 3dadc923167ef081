package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.statemachine.decide.JobSpec;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates Jobs pinned to a node; a Job that already exists under the name is adopted. */
public final class JobAdapter {

  private final KubernetesClient client;
  private final KubeCalls calls;

  public JobAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** The created Job's resourceVersion, or empty when a Job of that name already existed. */
  public Optional<String> createOrAdopt(JobSpec spec, OwnerReference owner) {
    Job job = toJob(spec, owner);
    try {
      Job created =
          calls.call(
              "create job " + spec.name(),
              () ->
                  client.batch().v1().jobs().inNamespace(spec.namespace()).resource(job).create());
      return Optional.of(created.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static Job toJob(JobSpec spec, OwnerReference owner) {
    List<EnvVar> env =
        spec.env().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> new EnvVar(e.getKey(), e.getValue(), null))
            .toList();
    return new JobBuilder()
        .withNewMetadata()
        .withName(spec.name())
        .withNamespace(spec.namespace())
        .withLabels(spec.labels())
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(spec.backoffLimit())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(spec.labels())
        .endMetadata()
        .withNewSpec()
        .withNodeName(spec.node())
        .withRestartPolicy("Never")
        .addNewToleration()
        .withOperator("Exists")
        .endToleration()
        .addNewContainer()
        .withName("upgrade")
        .withImage(spec.image())
        .withCommand(spec.command())
        .withArgs(spec.args())
        .withEnv(env)
        .withNewSecurityContext()
        .withPrivileged(true)
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
