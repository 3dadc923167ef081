package io.hvst.simulator.bench;

import io.hvst.simulator.sandbox.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark size, written {@code NODESxVMS_PER_NODE} on the command line.
 *
 * @param nodes nodes in the simulated cluster
 * @param vmsPerNode default VMs seeded on each node (the upgrade-repo VM comes on top)
 */
public record BenchSize(int nodes, int vmsPerNode) {

  /**
   * The sizes run without {@code --sizes}: a small, a medium and a wide cluster whose VMs all fit
   * with one node out of service, about three minutes in all on two cores.
   */
  public static final String DEFAULT_SIZES = "3x10,10x20,30x10";

  static final int MAX_NODES = 500;
  static final int MAX_VMS_PER_NODE = 200;

  private static final Pattern COMMA = Pattern.compile(",");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,4})x(\\d{1,4})");

  public BenchSize {
    if (nodes < 1 || nodes > MAX_NODES) {
      throw new UsageException("a size needs 1 to " + MAX_NODES + " nodes, not " + nodes);
    }
    if (vmsPerNode < 0 || vmsPerNode > MAX_VMS_PER_NODE) {
      throw new UsageException(
          "a size needs 0 to " + MAX_VMS_PER_NODE + " VMs per node, not " + vmsPerNode);
    }
  }

  /** Parses {@code 3x10,10x30}; throws {@link UsageException} on anything else. */
  public static List<BenchSize> parseList(String text) {
    List<BenchSize> sizes = new ArrayList<>();
    for (String part : COMMA.split(text.trim(), -1)) {
      sizes.add(parse(part.trim()));
    }
    return List.copyOf(sizes);
  }

  /** Parses one {@code NODESxVMS_PER_NODE}. */
  public static BenchSize parse(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new UsageException(
          "--sizes wants NODESxVMS_PER_NODE items separated by commas, not \"" + text + "\"");
    }
    return new BenchSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The default VMs of this size (without the upgrade-repo VM). */
  public int defaultVms() {
    return nodes * vmsPerNode;
  }

  public String label() {
    return nodes + "x" + vmsPerNode;
  }
}
