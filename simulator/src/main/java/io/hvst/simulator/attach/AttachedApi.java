package io.hvst.simulator.attach;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hvst.simulator.actors.Informers;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulator attached to an existing API server (k3s, kind, ...) instead of its own mock. The
 * real server brings what the mock's dispatcher fakes (eviction, quota admission, generateName,
 * merge patch); this class brings what only a kubelet would: status written through {@code /status}
 * ({@link StatusRouting}), Pods started and their deletes finished ({@link StandInKubelet}), and
 * node heartbeats ({@link NodeLeases}).
 */
public final class AttachedApi implements AutoCloseable {

  private final KubernetesClient plain;
  private final KubernetesClient client;
  private final CreatedStatuses created = new CreatedStatuses();

  private AttachedApi(Config config) {
    this.plain = new KubernetesClientBuilder().withConfig(config).build();
    StatusRouting routing = new StatusRouting(plain.getHttpClient(), created);
    this.client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("hvst-status", routing))
            .build();
  }

  /**
   * Connects to {@code masterUrlOrKubeconfig}: a kubeconfig's YAML (its current context), or the
   * URL of a server that needs no credentials.
   */
  public static AttachedApi connect(String masterUrlOrKubeconfig, String userAgent) {
    boolean kubeconfig = masterUrlOrKubeconfig.contains("apiVersion:");
    Config base = kubeconfig ? Config.fromKubeconfig(masterUrlOrKubeconfig) : Config.empty();
    ConfigBuilder config =
        new ConfigBuilder(base)
            .withHttp2Disable(true)
            .withUserAgent(userAgent)
            .withNamespace("default");
    if (!kubeconfig) {
      config.withMasterUrl(masterUrlOrKubeconfig).withTrustCerts(true);
    }
    return new AttachedApi(config.build());
  }

  /** The client the simulated components use; their status writes go where the server wants. */
  public KubernetesClient client() {
    return client;
  }

  public String masterUrl() {
    return client.getMasterUrl().toString();
  }

  /** Waits for the server, installs the CRDs and namespaces the seeding creates objects in. */
  public void prepare(Collection<String> namespaces) {
    AttachedSeeding.prepare(plain, namespaces);
  }

  /** Starts the kubelets' part for {@code nodes}; call before the simulator's informers start. */
  public void start(
      Informers informers, ScheduledExecutorService timers, Clock clock, List<String> nodes) {
    new StandInKubelet(plain, created, Set.copyOf(nodes), timers).start(informers);
    new NodeLeases(plain, timers, clock, nodes).start();
  }

  @Override
  public void close() {
    client.close();
    plain.close();
  }
}
