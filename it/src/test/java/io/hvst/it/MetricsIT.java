package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.simulator.ClusterSpec;
import io.hvst.simulator.session.UpgradeSession;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The hvst_upgrade_* metrics on /actuator/prometheus, scraped before, during and after. */
class MetricsIT {

  private static final String UPGRADE = "hvst-upgrade";
  private static final List<String> STEPS =
      List.of(
          "PRE_DRAIN", "REPO_VM_MIGRATION", "DRAIN", "UPGRADE", "POST_DRAIN", "RESTORE_SCHEDULING");

  /** Every metric family DESIGN fixes, with its Prometheus type. */
  private static final Map<String, String> FIXED =
      Map.of(
          "hvst_upgrade_nodes", "gauge",
          "hvst_upgrade_phase_seconds", "histogram",
          "hvst_upgrade_vm_migrations_total", "counter",
          "hvst_upgrade_vm_migration_seconds", "histogram",
          "hvst_upgrade_in_progress", "gauge",
          "hvst_upgrade_step_failures_total", "counter",
          "hvst_upgrade_blocked", "gauge",
          "hvst_upgrade_scheduling_drift_total", "counter");

  @Test
  void upgradeMetricsHaveTheirTypesAndFollowTheUpgrade() throws Exception {
    int port = freePort();
    try (UpgradeSession session =
        UpgradeSession.start(ClusterSpec.standard(3, 2, 1), port, Map.of())) {
      Prometheus prometheus = new Prometheus(port);

      Scrape before = prometheus.scrape();
      assertThat(before.type("hvst_upgrade_nodes")).contains("gauge");
      assertThat(before.type("hvst_upgrade_in_progress")).contains("gauge");
      assertThat(before.type("hvst_upgrade_blocked")).contains("gauge");
      assertThat(before.value("hvst_upgrade_in_progress")).isZero();
      assertThat(before.value("hvst_upgrade_nodes", "state", "SUCCEEDED")).isZero();
      assertThat(before.value("hvst_upgrade_blocked", "reason", "QuorumAtRisk")).isZero();

      session.createUpgrade(UPGRADE, "v1.5.0", "node-1");

      // While the last node is upgraded, the two before it are counted as succeeded.
      Scrape during =
          prometheus.poll(
              s ->
                  s.value("hvst_upgrade_in_progress") == 1
                      && s.value("hvst_upgrade_nodes", "state", "SUCCEEDED") == 2,
              Duration.ofSeconds(60));
      double stepsTimedDuring = during.value("hvst_upgrade_phase_seconds_count");
      assertThat(during.type("hvst_upgrade_phase_seconds")).contains("histogram");
      assertThat(stepsTimedDuring).as("steps timed for two nodes").isGreaterThanOrEqualTo(2 * 3);

      session.awaitFinished(UPGRADE, Duration.ofSeconds(60));
      Scrape after =
          prometheus.poll(s -> s.value("hvst_upgrade_in_progress") == 0, Duration.ofSeconds(30));
      // Every step is timed once per node, also those a node walks through within one pass.
      for (String step : STEPS) {
        assertThat(after.value("hvst_upgrade_phase_seconds_count", "phase", step))
            .as("steps of %s timed", step)
            .isEqualTo(3);
      }
      for (String step : STEPS) {
        System.out.println(
            "hvst_upgrade_phase_seconds_count{phase="
                + step
                + "} = "
                + after.value("hvst_upgrade_phase_seconds_count", "phase", step));
      }
      assertThat(after.value("hvst_upgrade_phase_seconds_count")).isGreaterThan(stepsTimedDuring);
      assertThat(after.value("hvst_upgrade_phase_seconds_sum", "phase", "UPGRADE")).isPositive();
      assertThat(after.lines("hvst_upgrade_phase_seconds_bucket"))
          .anyMatch(l -> l.contains("le=\"+Inf\""));
      // The node gauge shows the running upgrade, or the latest finished one.
      assertThat(after.value("hvst_upgrade_nodes", "state", "SUCCEEDED")).isEqualTo(3);

      List<String> missing = new ArrayList<>();
      FIXED.forEach(
          (name, type) -> {
            Optional<String> actual = after.type(name);
            if (actual.isEmpty()) {
              missing.add(name);
            } else {
              assertThat(actual).as("type of %s", name).contains(type);
            }
          });
      System.out.println("Metric families not exposed after a happy upgrade: " + missing);
      assertThat(missing)
          .as("registered from the start or recorded in a happy run")
          .doesNotContain(
              "hvst_upgrade_nodes",
              "hvst_upgrade_phase_seconds",
              "hvst_upgrade_in_progress",
              "hvst_upgrade_blocked",
              "hvst_upgrade_vm_migrations_total",
              "hvst_upgrade_vm_migration_seconds",
              "hvst_upgrade_scheduling_drift_total");
      assertThat(after.value("hvst_upgrade_vm_migrations_total", "result", "Succeeded"))
          .isPositive();
      // Last, as it may skip the test: lint both scrapes.
      promtool(during);
      promtool(after);
    }
  }

  /**
   * promtool's lint of the scrape; skipped, visibly, where promtool is not installed. The whole
   * scrape, Spring Boot's and the JVM's meters included, passes without a complaint (ScrapeHygiene
   * drops or annotates the ones that would not), and so do the hvst_ families alone.
   */
  private static void promtool(Scrape scrape) throws IOException, InterruptedException {
    Optional<Path> promtool = onPath("promtool");
    Assumptions.assumeTrue(
        promtool.isPresent(),
        "promtool not installed (Debian package prometheus): metrics lint skipped");
    Lint whole = lint(promtool.get(), scrape.text());
    System.out.println(
        "promtool check metrics (whole scrape): exit " + whole.exit() + "\n" + whole.output());
    assertThat(whole.exit()).as("promtool on the whole scrape:%n%s", whole.output()).isZero();
    assertThat(scrape.hvstFamilies()).contains("# TYPE hvst_upgrade_nodes gauge");
    Lint ours = lint(promtool.get(), scrape.hvstFamilies());
    assertThat(ours.exit()).as("promtool on hvst_ metrics:%n%s", ours.output()).isZero();
  }

  private record Lint(int exit, String output) {}

  private static Lint lint(Path promtool, String text) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Lint(process.exitValue(), output);
  }

  private static Optional<Path> onPath(String program) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : Pattern.compile(Pattern.quote(File.pathSeparator)).split(path, -1)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The Prometheus endpoint of the controller. */
  private static final class Prometheus {
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    Prometheus(int port) {
      uri = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
    }

    Scrape scrape() throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      return new Scrape(response.body());
    }

    Scrape poll(Predicate<Scrape> until, Duration timeout)
        throws IOException, InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      Scrape last = scrape();
      while (!until.test(last)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("the metrics never matched; last scrape:\n" + last.hvst());
        }
        Thread.sleep(20);
        last = scrape();
      }
      return last;
    }
  }

  /** One scrape in the Prometheus text format. */
  private record Scrape(String text) {
    private static final Pattern TYPE =
        Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);

    Optional<String> type(String family) {
      Matcher m = TYPE.matcher(text);
      while (m.find()) {
        if (m.group(1).equals(family)) {
          return Optional.of(m.group(2));
        }
      }
      return Optional.empty();
    }

    /** Samples of {@code metric} (exactly that name), whatever their labels. */
    List<String> lines(String metric) {
      return text.lines()
          .filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
          .toList();
    }

    /** The sum of the samples of {@code metric} that carry the label, if one is given. */
    double value(String metric, String... label) {
      String wanted = label.length == 2 ? label[0] + "=\"" + label[1] + "\"" : "";
      return lines(metric).stream()
          .filter(l -> l.contains(wanted))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    }

    /** The hvst_ families with their HELP and TYPE lines, as a scrape of their own. */
    String hvstFamilies() {
      return text.lines()
          .filter(
              l ->
                  l.startsWith("hvst_")
                      || l.startsWith("# HELP hvst_")
                      || l.startsWith("# TYPE hvst_"))
          .reduce("", (a, b) -> a + b + "\n");
    }

    String hvst() {
      return String.join("\n", text.lines().filter(l -> l.contains("hvst_upgrade")).toList());
    }
  }
}
