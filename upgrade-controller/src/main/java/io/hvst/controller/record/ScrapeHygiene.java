package io.hvst.controller.record;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the whole {@code /actuator/prometheus} scrape clean for {@code promtool check metrics}:
 * drops the few Spring Boot and JVM meters whose Prometheus names break its rules (abbreviated
 * units, a {@code _count} gauge, embedded Tomcat's session meters, which a stateless API has no use
 * for), and gives the HTTP server meters the help text Spring leaves out.
 */
public final class ScrapeHygiene implements MeterFilter {

  private static final Set<String> DROPPED =
      Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");
  private static final String DROPPED_PREFIX = "tomcat.sessions.";
  private static final Map<String, String> HELP =
      Map.of(
          "http.server.requests",
          "HTTP requests served (REST API and actuator), by outcome",
          "http.server.requests.active",
          "HTTP requests being served now");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    boolean dropped = DROPPED.contains(id.getName()) || id.getName().startsWith(DROPPED_PREFIX);
    return dropped ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    String help = HELP.get(id.getName());
    if (help == null || id.getDescription() != null) {
      return id;
    }
    return new Meter.Id(
        id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
  }
}
