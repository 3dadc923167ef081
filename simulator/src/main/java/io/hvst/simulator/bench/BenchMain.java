package io.hvst.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hvst.simulator.SimTiming;
import io.hvst.simulator.sandbox.SandboxOptions;
import io.hvst.simulator.sandbox.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code hvst-sandbox.jar --bench}: runs the simulated cluster at each size, one after another,
 * prints a table and writes a JSON report. Exit code 0 when every size's upgrade succeeded, 1
 * otherwise (a size that does not fit counts as not succeeded), 2 for bad usage.
 */
public final class BenchMain {

  private BenchMain() {}

  public static int run(SandboxOptions options, PrintStream out, PrintStream err) {
    List<BenchSize> sizes;
    try {
      sizes = BenchSize.parseList(options.sizes().orElse(BenchSize.DEFAULT_SIZES));
    } catch (UsageException e) {
      err.println("hvst-sandbox: " + e.getMessage());
      err.print(SandboxOptions.USAGE);
      return 2;
    }
    String startedAt = Instant.now().toString();
    out.printf(
        Locale.ROOT,
        "hvst bench: sizes %s, run one after another in one JVM on %d CPUs, seed %d%n",
        sizes.stream().map(BenchSize::label).toList(),
        Runtime.getRuntime().availableProcessors(),
        options.seed());
    List<SizeResult> results = new ArrayList<>();
    for (BenchSize size : sizes) {
      out.printf("  %s: running%n", size.label());
      SizeResult r = runOne(size, options.seed());
      out.printf(
          Locale.ROOT,
          "  %s: %s%s%n",
          size.label(),
          r.result(),
          r.wallMs() == null ? "" : String.format(Locale.ROOT, " in %.1fs", r.wallMs() / 1000.0));
      results.add(r);
    }
    new BenchTable(out).print(results);
    BenchReport report =
        new BenchReport(
            startedAt,
            BenchReport.Environment.current(options.seed()),
            BenchReport.Simulated.of(SimTiming.fast()),
            results,
            Definitions.ALL);
    if (options.report().isPresent() && !write(report, options.report().get(), out, err)) {
      return 1;
    }
    return results.stream().allMatch(SizeResult::succeeded) ? 0 : 1;
  }

  private static SizeResult runOne(BenchSize size, long seed) {
    try {
      return new SizeRun(seed).run(size);
    } catch (RuntimeException e) {
      return SizeResult.notRun(size, size.defaultVms() + 1, SizeResult.ERROR, e.toString());
    }
  }

  private static boolean write(BenchReport report, Path path, PrintStream out, PrintStream err) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(path.toFile(), report);
      out.println("Report written to " + path);
      return true;
    } catch (IOException e) {
      err.println("hvst-sandbox: cannot write the report to " + path + ": " + e.getMessage());
      return false;
    }
  }
}
