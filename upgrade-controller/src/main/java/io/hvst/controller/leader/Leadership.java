package io.hvst.controller.leader;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.controller.config.ControllerProperties;
import io.hvst.controller.loop.LeadershipFence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease-based leader election (coordination.k8s.io/v1). The leader's loop acts; the others keep
 * their caches warm and serve the REST API. Losing the lease stops acting at once, and the replica
 * campaigns again (fabric8's elector ends when it loses).
 *
 * <p>Every write is fenced on the lease itself, not only on the elector's say-so: this replica acts
 * only while the Lease it watches names it as holder and was renewed within the lease duration by
 * this replica's clock. A replica that stalled (a long GC pause, a partition) and has not heard
 * that it lost the lease therefore stops by itself before another can take over.
 */
public final class Leadership implements LeadershipFence, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final KubernetesClient client;
  private final ControllerProperties.LeaderElection config;
  private final String namespace;
  private final String identity;
  private final Clock clock;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile String leader = "";
  private volatile Lease observed;
  private volatile boolean closed;
  private CompletableFuture<?> election;
  private SharedIndexInformer<Lease> leaseWatch;

  public Leadership(
      KubernetesClient client,
      ControllerProperties.LeaderElection config,
      String namespace,
      String identity,
      Clock clock) {
    this.client = client;
    this.config = config;
    this.namespace = namespace;
    this.identity = identity;
    this.clock = clock;
  }

  /** Campaigns for the lease; {@code onLead} and {@code onLose} run on the elector's thread. */
  public void start(Runnable onLead, Runnable onLose) {
    if (!config.enabled()) {
      leading.set(true);
      leader = identity;
      onLead.run();
      return;
    }
    leaseWatch =
        client
            .leases()
            .inNamespace(namespace)
            .withName(config.leaseName())
            .inform(new LeaseWatch());
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
    // The campaign's outcome only says "campaign again"; fabric8 logs its errors.
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
    if (!config.enabled()) {
      return leading.get();
    }
    return leading.get() && leaseValid(observed, clock.instant());
  }

  /** The lease names us and was renewed within its duration, by our clock. */
  boolean leaseValid(Lease lease, Instant now) {
    if (lease == null
        || lease.getSpec() == null
        || !identity.equals(lease.getSpec().getHolderIdentity())) {
      return false;
    }
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    Integer seconds = lease.getSpec().getLeaseDurationSeconds();
    return renewed != null
        && seconds != null
        && now.isBefore(renewed.toInstant().plusSeconds(seconds));
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
    if (leaseWatch != null) {
      leaseWatch.close();
    }
  }

  /** Keeps the last observed state of our Lease. */
  private final class LeaseWatch implements ResourceEventHandler<Lease> {
    @Override
    public void onAdd(Lease lease) {
      observed = lease;
    }

    @Override
    public void onUpdate(Lease before, Lease after) {
      observed = after;
    }

    @Override
    public void onDelete(Lease lease, boolean unknown) {
      observed = null;
    }
  }
}
