package io.hvst.controller.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.loop.LeadershipFence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease-based leader election (coordination.k8s.io/v1). The leader's loop acts; the others keep
 * their caches warm and serve the REST API. Losing the lease stops acting at once.
 */
public final class Leadership implements LeadershipFence, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final KubernetesClient client;
  private final ControllerProperties.LeaderElection config;
  private final String namespace;
  private final String identity;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile String leader = "";
  private volatile boolean closed;
  private CompletableFuture<?> election;

  public Leadership(
      KubernetesClient client,
      ControllerProperties.LeaderElection config,
      String namespace,
      String identity) {
    this.client = client;
    this.config = config;
    this.namespace = namespace;
    this.identity = identity;
  }

  /**
   * Campaigns for the lease, and again each time it is lost (fabric8's elector ends when it loses
   * the lease); {@code onLead} and {@code onLose} run on the elector's thread.
   */
  public void start(Runnable onLead, Runnable onLose) {
    if (!config.enabled()) {
      leading.set(true);
      leader = identity;
      onLead.run();
      return;
    }
    campaign(onLead, onLose);
  }

  private synchronized void campaign(Runnable onLead, Runnable onLose) {
    if (closed) {
      return;
    }
    LeaderElector elector =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(config.leaseName())
                    .withLock(new LeaseLock(namespace, config.leaseName(), identity))
                    .withLeaseDuration(config.leaseDuration())
                    .withRenewDeadline(config.renewDeadline())
                    .withRetryPeriod(config.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            () -> {
                              leading.set(true);
                              LOG.info("Leading as {}", identity);
                              onLead.run();
                            },
                            () -> {
                              leading.set(false);
                              LOG.info("Lost leadership as {}", identity);
                              onLose.run();
                            },
                            newLeader -> leader = newLeader))
                    .build())
            .build();
    election = elector.start();
    // The campaign's outcome is only a signal to campaign again; errors are logged by fabric8.
    CompletableFuture<?> unused =
        election.whenComplete(
            (done, error) -> {
              if (!closed) {
                LOG.info("Campaigning for the lease again as {}", identity);
                campaign(onLead, onLose);
              }
            });
  }

  @Override
  public boolean holds() {
    return leading.get();
  }

  public String identity() {
    return identity;
  }

  public String leader() {
    return leader;
  }

  @Override
  public void close() {
    closed = true;
    leading.set(false);
    if (election != null) {
      election.cancel(true);
    }
  }
}
