package io.hvst.simulator.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Prints the results as a table, with what each column means underneath. */
final class BenchTable {

  private static final String ROW =
      "%-8s %5s %5s %7s %8s %7s %6s %9s %8s %7s  %5s %5s %5s %5s  %7s %7s %7s %8s  %s%n";
  private static final int WIDTH = 100;
  private static final Pattern SPACE = Pattern.compile(" ");

  private final PrintStream out;

  BenchTable(PrintStream out) {
    this.out = out;
  }

  void print(List<SizeResult> results) {
    out.println();
    out.printf(
        Locale.ROOT,
        ROW,
        "size",
        "nodes",
        "VMs",
        "wall",
        "makespan",
        "bound",
        "x",
        "pipelined",
        "ctrl CPU",
        "API/VM",
        "mig",
        "plan",
        "naive",
        "min",
        "rx p50",
        "rx p99",
        "heap",
        "journal",
        "result");
    for (SizeResult r : results) {
      out.printf(
          Locale.ROOT,
          ROW,
          r.size(),
          r.nodes(),
          r.vms(),
          seconds(r.wallMs()),
          seconds(r.makespanMs()),
          seconds(r.makespanLowerBoundMs()),
          ratio(r.makespanMs(), r.makespanLowerBoundMs()),
          seconds(r.pipelinedMakespanMs()),
          r.cpuSeconds() == null ? "-" : String.format(Locale.ROOT, "%.2fs", r.cpuSeconds()),
          number(r.apiRequestsPerVm(), "%.1f"),
          number(r.migrationsPerVm(), "%.2f"),
          number(r.plannedMigrationsPerVm(), "%.2f"),
          number(r.naiveMigrationsPerVm(), "%.2f"),
          number(r.migrationsLowerBoundPerVm(), "%.2f"),
          number(r.reactionP50Ms(), "%.0fms"),
          number(r.reactionP99Ms(), "%.0fms"),
          number(r.peakHeapMiB(), "%.0fMiB"),
          r.journalBytes() == null
              ? "-"
              : String.format(Locale.ROOT, "%.1fKiB", r.journalBytes() / 1024.0),
          r.result() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
    }
    footer();
  }

  private void footer() {
    out.println();
    out.println(
        "Columns: wall=wallMs, makespan=makespanMs, bound=makespanLowerBoundMs,"
            + " x=makespan/bound, pipelined=pipelinedMakespanMs, ctrl CPU=cpuSeconds,"
            + " API/VM=apiRequestsPerVm, mig/plan/naive/min=migrationsPerVm,"
            + " plannedMigrationsPerVm, naiveMigrationsPerVm, migrationsLowerBoundPerVm,"
            + " rx=reactionP50Ms/reactionP99Ms, heap=peakHeapMiB, journal=journalBytes.");
    for (Map.Entry<String, String> d : Definitions.ALL.entrySet()) {
      wrap("  ", d.getKey() + ": " + d.getValue());
    }
    out.println(
        "Sizes run one after another in one JVM on a shared machine: numbers are noisy, and"
            + " later sizes run on code the JIT has already compiled.");
  }

  private void wrap(String indent, String text) {
    StringBuilder line = new StringBuilder(indent);
    boolean empty = true;
    for (String word : SPACE.split(text, -1)) {
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        out.println(line);
        line = new StringBuilder(indent + "    ");
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    out.println(line);
  }

  private static String seconds(Long ms) {
    return ms == null ? "-" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  private static String ratio(Long value, Long bound) {
    return value == null || bound == null || bound == 0
        ? "-"
        : String.format(Locale.ROOT, "%.2f", (double) value / bound);
  }

  private static String number(Double value, String format) {
    return value == null ? "-" : String.format(Locale.ROOT, format, value);
  }
}
