package io.hvst.simulator.sandbox;

import io.hvst.simulator.bench.BenchMain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/** {@code java -jar hvst-sandbox.jar}: the controller upgrading a simulated Harvester cluster. */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    SandboxOptions options;
    try {
      options = SandboxOptions.parse(args);
    } catch (UsageException e) {
      err.println("hvst-sandbox: " + e.getMessage());
      err.print(SandboxOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(SandboxOptions.USAGE);
      return 0;
    }
    if (options.bench()) {
      return BenchMain.run(options, out, err);
    }
    if (options.listScenarios()) {
      Arrays.stream(Scenario.values()).forEach(s -> out.println(s.id()));
      return 0;
    }
    Optional<Scenario> scenario = Scenario.byId(options.scenario());
    if (scenario.isEmpty()) {
      err.println(
          "hvst-sandbox: unknown scenario \"" + options.scenario() + "\"; see --list-scenarios");
      err.print(SandboxOptions.USAGE);
      return 2;
    }
    if (options.nodes() < scenario.get().setup().minNodes()) {
      err.printf(
          "hvst-sandbox: scenario %s needs at least %d nodes (--nodes %d)%n",
          scenario.get().id(), scenario.get().setup().minNodes(), options.nodes());
      return 2;
    }
    SandboxReport report = new Sandbox(options, scenario.get(), out).run();
    return "Succeeded".equals(report.result()) ? 0 : 1;
  }
}
