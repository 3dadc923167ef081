package io.hvst.simulator.session;

import io.fabric8.kubernetes.client.Config;
import io.hvst.controller.UpgradeControllerApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real controller application (a fresh Spring context) against a cluster URL. */
public final class ControllerLauncher {

  /** fabric8's system property naming the kubeconfig file. */
  static final String KUBECONFIG_PROPERTY = Config.KUBERNETES_KUBECONFIG_FILE;

  private ControllerLauncher() {}

  /**
   * Starts it; {@code port} null means no web server (no REST, no metrics endpoint).
   *
   * @param overrides properties that win over the sandbox defaults
   */
  public static ConfigurableApplicationContext start(
      String masterUrl, Integer port, Map<String, Object> overrides) {
    return start(masterUrl, port, overrides, Map.of());
  }

  /** Starts it with extra singleton beans (e.g. a test's journal-write listener). */
  public static ConfigurableApplicationContext start(
      String masterUrl, Integer port, Map<String, Object> overrides, Map<String, Object> beans) {
    return run(masterUrl, port, overrides, beans);
  }

  /**
   * Starts it with the credentials and server of a kubeconfig file, as {@code kubectl} would (the
   * controller reads the {@code kubeconfig} system property when no master URL is set; it is set
   * only while the context starts).
   */
  public static synchronized ConfigurableApplicationContext startWithKubeconfig(
      Path kubeconfig, Integer port, Map<String, Object> overrides, Map<String, Object> beans) {
    String before = System.getProperty(KUBECONFIG_PROPERTY);
    System.setProperty(KUBECONFIG_PROPERTY, kubeconfig.toAbsolutePath().toString());
    try {
      return run("", port, overrides, beans);
    } finally {
      if (before == null) {
        System.clearProperty(KUBECONFIG_PROPERTY);
      } else {
        System.setProperty(KUBECONFIG_PROPERTY, before);
      }
    }
  }

  private static ConfigurableApplicationContext run(
      String masterUrl, Integer port, Map<String, Object> overrides, Map<String, Object> beans) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hvst.kubernetes.master-url", masterUrl);
    props.put("hvst.kubernetes.trust-certs", "true");
    props.put("hvst.leader-election.lease-duration", "3s");
    props.put("hvst.leader-election.renew-deadline", "2s");
    props.put("hvst.leader-election.retry-period", "250ms");
    props.put("hvst.reconcile.resync", "30s");
    // The simulator's world runs in seconds, so the controller's timers shrink with it.
    props.put("hvst.drain.migration-timeout-per-gib", "2s");
    props.put("hvst.drain.migration-timeout-min", "5s");
    props.put("hvst.drain.eviction-backoff", "500ms");
    props.put("hvst.scheduling.cordon-settle", "300ms");
    props.put("hvst.scheduling.cordon-backoff", "200ms");
    props.put("hvst.scheduling.settle-period", "2s");
    props.put("spring.main.banner-mode", "off");
    props.put("spring.main.register-shutdown-hook", "false");
    props.put("logging.level.root", "WARN");
    props.put("logging.level.io.hvst", "WARN");
    // fabric8's elector prints a stack trace for every lease request the simulator fails on
    // purpose; the controller's own Leadership log says when leadership is won or lost.
    props.put("logging.level.io.fabric8.kubernetes.client.extended.leaderelection", "OFF");
    if (port != null) {
      props.put("server.port", String.valueOf(port));
    }
    props.putAll(overrides);
    return new SpringApplicationBuilder(UpgradeControllerApplication.class)
        .web(port == null ? WebApplicationType.NONE : WebApplicationType.SERVLET)
        .properties(props)
        .initializers(ctx -> beans.forEach(ctx.getBeanFactory()::registerSingleton))
        .run();
  }
}
