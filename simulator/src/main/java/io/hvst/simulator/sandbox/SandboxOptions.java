package io.hvst.simulator.sandbox;

import java.nio.file.Path;
import java.util.Optional;

/** The sandbox's command line (DESIGN.md section 5). */
public record SandboxOptions(
    int nodes,
    int vmsPerNode,
    String scenario,
    boolean listScenarios,
    Optional<Integer> port,
    boolean exitWhenDone,
    Optional<Path> report,
    long seed,
    boolean bench,
    Optional<String> sizes,
    boolean verbose,
    boolean help) {

  public static final String USAGE =
      """
      Usage: java -jar simulator/target/hvst-sandbox.jar [options]

      Runs the upgrade controller against a simulated Harvester cluster and upgrades it.

        --nodes N            nodes in the cluster (default 3)
        --vms-per-node M     VMs on each node (default 2)
        --scenario NAME      what the cluster does (default happy; see --list-scenarios)
        --list-scenarios     print the scenario names, one a line, and exit
        --port P             serve the REST API and /actuator on port P while running
        --exit-when-done     exit when the upgrade ends (otherwise keep serving until stopped)
        --report FILE        write a JSON report of the run to FILE
        --seed S             seed for every random choice (default 1)
        --bench              run the benchmark instead (see --sizes)
        --sizes LIST         benchmark sizes as NODESxVMS_PER_NODE, comma separated
        --verbose            show the controller's own log lines
        --help               print this text

      Exit code: 0 when the upgrade succeeded, 1 when it failed or was aborted, 2 for bad usage.
      """;

  public static SandboxOptions parse(String... args) {
    Parser p = new Parser(args);
    int nodes = 3;
    int vms = 2;
    String scenario = "happy";
    boolean list = false;
    Optional<Integer> port = Optional.empty();
    boolean exit = false;
    Optional<Path> report = Optional.empty();
    long seed = 1;
    boolean bench = false;
    Optional<String> sizes = Optional.empty();
    boolean verbose = false;
    boolean help = false;
    while (p.hasNext()) {
      String flag = p.next();
      switch (flag) {
        case "--nodes" -> nodes = p.intValue(flag, 1, 500);
        case "--vms-per-node" -> vms = p.intValue(flag, 0, 200);
        case "--scenario" -> scenario = p.value(flag);
        case "--list-scenarios" -> list = true;
        case "--port" -> port = Optional.of(p.intValue(flag, 1, 65535));
        case "--exit-when-done" -> exit = true;
        case "--report" -> report = Optional.of(Path.of(p.value(flag)));
        case "--seed" -> seed = p.longValue(flag);
        case "--bench" -> bench = true;
        case "--sizes" -> sizes = Optional.of(p.value(flag));
        case "--verbose" -> verbose = true;
        case "--help", "-h" -> help = true;
        default -> throw new UsageException("unknown option: " + flag);
      }
    }
    return new SandboxOptions(
        nodes, vms, scenario, list, port, exit, report, seed, bench, sizes, verbose, help);
  }

  /** Walks the arguments; every value is checked where it is read. */
  private static final class Parser {
    private final String[] args;
    private int at;

    Parser(String[] args) {
      this.args = args;
    }

    boolean hasNext() {
      return at < args.length;
    }

    String next() {
      return args[at++];
    }

    String value(String flag) {
      if (!hasNext() || args[at].startsWith("--")) {
        throw new UsageException(flag + " needs a value");
      }
      return next();
    }

    int intValue(String flag, int min, int max) {
      long v = longValue(flag);
      if (v < min || v > max) {
        throw new UsageException(flag + " must be between " + min + " and " + max);
      }
      return (int) v;
    }

    long longValue(String flag) {
      String v = value(flag);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new UsageException(flag + " needs a number, not \"" + v + "\"");
      }
    }
  }
}
