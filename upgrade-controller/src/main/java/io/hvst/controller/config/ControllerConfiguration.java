package io.hvst.controller.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.hvst.controller.ControllerRuntime;
import io.hvst.controller.kube.KubeCalls;
import io.hvst.controller.loop.JournalWriteListener;
import io.hvst.controller.record.ScrapeHygiene;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring around {@link ControllerRuntime}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControllerProperties.class)
public class ControllerConfiguration {

  /** The resilience4j instance name every Kubernetes call uses. */
  public static final String KUBERNETES = "kubernetes";

  @Bean
  MeterFilter scrapeHygiene() {
    return new ScrapeHygiene();
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  KubernetesClient kubernetesClient(ControllerProperties properties) {
    ControllerProperties.Kubernetes k = properties.kubernetes();
    Config base = k.masterUrl().isBlank() ? Config.autoConfigure(null) : Config.empty();
    ConfigBuilder config = new ConfigBuilder(base);
    if (!k.masterUrl().isBlank()) {
      config.withMasterUrl(k.masterUrl());
    }
    return new KubernetesClientBuilder()
        .withConfig(
            config
                .withTrustCerts(k.trustCerts() || base.isTrustCerts())
                .withUserAgent(k.userAgent())
                .withRequestTimeout((int) k.requestTimeout().toMillis())
                // Retries belong to resilience4j (one policy, observable); none in the client.
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }

  @Bean
  KubeCalls kubeCalls(
      RetryRegistry retries, CircuitBreakerRegistry breakers, RateLimiterRegistry limiters) {
    return new KubeCalls(
        retries.retry(KUBERNETES),
        breakers.circuitBreaker(KUBERNETES),
        limiters.rateLimiter(KUBERNETES));
  }

  @Bean(destroyMethod = "close")
  ControllerRuntime controllerRuntime(
      KubernetesClient client,
      ControllerProperties properties,
      Clock clock,
      MeterRegistry registry,
      KubeCalls calls,
      ObjectProvider<JournalWriteListener> listener) {
    String identity =
        Optional.of(properties.leaderElection().identity())
            .filter(s -> !s.isBlank())
            .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
            .orElseGet(() -> "hvst-" + UUID.randomUUID());
    return new ControllerRuntime(
        client,
        properties,
        clock,
        registry,
        calls,
        identity,
        listener.getIfAvailable(JournalWriteListener::none));
  }

  @Bean
  SmartLifecycle controllerLifecycle(ControllerRuntime runtime, ApplicationEventPublisher events) {
    return new RuntimeLifecycle(runtime, events);
  }

  /**
   * Starts the controller once the context is up; stops it before the client closes. A loop stopped
   * by a fatal error turns the liveness probe DOWN, so Kubernetes restarts the replica.
   */
  static final class RuntimeLifecycle implements SmartLifecycle {
    private final ControllerRuntime runtime;
    private final ApplicationEventPublisher events;
    private volatile boolean running;

    RuntimeLifecycle(ControllerRuntime runtime, ApplicationEventPublisher events) {
      this.runtime = runtime;
      this.events = events;
    }

    @Override
    public void start() {
      runtime.start(e -> AvailabilityChangeEvent.publish(events, runtime, LivenessState.BROKEN));
      running = true;
    }

    @Override
    public void stop() {
      runtime.close();
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }
  }
}
