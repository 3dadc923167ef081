package io.hvst.simulator.kube;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/**
 * Resource amounts in base units (millicores for cpu resources, bytes for memory, counts for the
 * rest), and back to the canonical text the API server prints.
 */
public final class Quantities {

  private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private Quantities() {}

  public static boolean isCpu(String resource) {
    return resource.equals("cpu") || resource.endsWith(".cpu");
  }

  /** The amount of {@code text} for {@code resource}, in base units; empty text is zero. */
  public static long amount(String resource, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    BigDecimal value = Quantity.getAmountInBytes(new Quantity(text));
    return isCpu(resource)
        ? value.multiply(BigDecimal.valueOf(1000)).longValue()
        : value.longValue();
  }

  public static long amount(String resource, Quantity quantity) {
    return quantity == null ? 0 : amount(resource, quantity.toString());
  }

  /** Canonical text: whole cores or millicores for cpu, the largest exact binary unit else. */
  public static String format(String resource, long amount) {
    if (isCpu(resource)) {
      return amount % 1000 == 0 ? Long.toString(amount / 1000) : amount + "m";
    }
    if (resource.equals("pods") || amount == 0) {
      return Long.toString(amount);
    }
    long value = amount;
    int unit = -1;
    while (unit + 1 < BINARY.length && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return unit < 0 ? Long.toString(amount) : value + BINARY[unit];
  }
}
