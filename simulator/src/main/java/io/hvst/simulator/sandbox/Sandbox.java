package io.hvst.simulator.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.scenario.ScenarioSetup;
import io.hvst.simulator.session.UpgradeSession;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One sandbox run: build the cluster, start the controller, upgrade, report. */
public final class Sandbox {

  public static final String UPGRADE_NAME = "hvst-upgrade";
  public static final String TARGET_VERSION = "v1.5.0";
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final SandboxOptions options;
  private final Scenario scenario;
  private final PrintStream out;

  public Sandbox(SandboxOptions options, Scenario scenario, PrintStream out) {
    this.options = options;
    this.scenario = scenario;
    this.out = out;
  }

  /** Runs the upgrade to its end; returns the report. */
  public SandboxReport run() {
    ScenarioSetup setup = scenario.setup();
    ClusterSpec spec = setup.spec(options.nodes(), options.vmsPerNode(), options.seed());
    out.printf(
        "hvst sandbox: scenario %s (%s; expected: %s), %d nodes, %d VMs per node, seed %d%n",
        scenario.id(),
        scenario.description(),
        scenario.expected(),
        spec.nodes().size(),
        spec.vmsPerNode(),
        options.seed());
    try (UpgradeSession session =
        setup.start(spec, options.port().orElse(null), controllerProperties())) {
      options
          .port()
          .ifPresent(
              p ->
                  out.printf(
                      "REST API on http://localhost:%d/api/v1/upgrades, metrics on /actuator/prometheus%n",
                      p));
      try (ProgressPrinter printer =
          new ProgressPrinter(session.cluster().client(), out, session.cluster().clock())) {
        printer.start();
        session.createUpgrade(UPGRADE_NAME, TARGET_VERSION, setup.repoVmNode(spec));
        session.awaitFinished(UPGRADE_NAME, TIMEOUT);
        SandboxReport report =
            ReportBuilder.build(session, UPGRADE_NAME, scenario.id(), options.seed());
        summarize(report);
        options.report().ifPresent(path -> write(report, path));
        if (!options.exitWhenDone()) {
          waitUntilStopped();
        }
        return report;
      }
    }
  }

  private java.util.Map<String, Object> controllerProperties() {
    java.util.Map<String, Object> props = new java.util.LinkedHashMap<>();
    if (options.verbose()) {
      props.put("logging.level.io.hvst", "INFO");
    }
    return props;
  }

  private void summarize(SandboxReport r) {
    out.printf(
        "%nUpgrade %s/%s: %s (phase %s) in %s%n",
        r.upgrade().namespace(),
        r.upgrade().name(),
        r.result(),
        r.upgrade().phase(),
        ProgressPrinter.seconds(Duration.ofMillis(r.upgrade().durationMs())));
    if (!r.upgrade().reason().isEmpty()) {
      out.printf("  Completed: %s: %s%n", r.upgrade().reason(), r.upgrade().message());
    }
    for (SandboxReport.NodeInfo n : r.nodes()) {
      out.printf(
          "  %-12s %-10s %s%s%n",
          n.name(), n.state(), n.stepDurationsMs(), n.reason().isEmpty() ? "" : "  " + n.reason());
      if (!n.message().isEmpty()) {
        out.printf("               %s%n", n.message());
      }
    }
    out.printf(
        "VMs: %d total, %d migrations (%d failed), %d stopped, %d lost%s.%n"
            + "Scheduling: %d persisted, %d reapplied, %d drift, %d lost.%n"
            + "Controller: %d restarts, %d API requests %s%n",
        r.vms().total(),
        r.vms().migrations(),
        r.vms().migrationsFailed(),
        r.vms().stopped(),
        r.vms().lost(),
        r.vms().lostVms().isEmpty() ? "" : " " + r.vms().lostVms(),
        r.scheduling().persisted(),
        r.scheduling().reapplied(),
        r.scheduling().drift(),
        r.scheduling().lost(),
        r.restarts(),
        r.apiRequests().total(),
        r.apiRequests().byVerb());
    if (!r.repeatedSideEffects().isEmpty()) {
      out.printf("Repeated side effects: %s%n", r.repeatedSideEffects());
    }
  }

  private void write(SandboxReport report, Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(path.toFile(), report);
      out.println("Report written to " + path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + path, e);
    }
  }

  private void waitUntilStopped() {
    out.println("The upgrade ended; still serving. Press Ctrl-C to stop.");
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
