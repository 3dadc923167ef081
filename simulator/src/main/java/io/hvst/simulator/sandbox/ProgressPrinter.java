package io.hvst.simulator.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.controller.journal.JournalCodec;
import io.hvst.controller.kube.Upgrade;
import io.hvst.simulator.kube.ChangeHandlers;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.journal.Journal;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Shows the upgrade's progress as the journal and the Upgrade's status change (watch events, no
 * polling). On a terminal it keeps a table in place ({@link ProgressScreen}); anywhere else (CI
 * logs, tests) it prints one line per change: state changes, migrations starting and ending, VMs
 * stopped and started, nodes blocked and unblocked.
 */
public final class ProgressPrinter implements AutoCloseable {

  private final KubernetesClient client;
  private final PrintStream out;
  private final Clock clock;
  private final Instant start;
  private final ProgressScreen screen;
  private final JournalCodec codec = new JournalCodec();
  private Optional<Journal> last = Optional.empty();
  private String upgrade = "";
  private Map<String, NodeWait> waits = Map.of();
  private SharedIndexInformer<ConfigMap> journals;
  private SharedIndexInformer<Upgrade> upgrades;

  /** Redraws a table in place when {@code out} is the terminal, else prints change lines. */
  public ProgressPrinter(KubernetesClient client, PrintStream out, Clock clock) {
    this(client, out, clock, out == System.out && onTerminal());
  }

  /**
   * True when the JVM runs on a terminal. Java 17 has no {@code Console.isTerminal()}, and up to
   * JDK 21 {@code System.console()} is null when stdin or stdout is not a terminal (piped, CI).
   */
  @SuppressWarnings("SystemConsoleNull")
  static boolean onTerminal() {
    return System.console() != null;
  }

  ProgressPrinter(KubernetesClient client, PrintStream out, Clock clock, boolean terminal) {
    this.client = client;
    this.out = out;
    this.clock = clock;
    this.start = clock.instant();
    this.screen = terminal ? new ProgressScreen(out, this::table) : null;
  }

  public void start() {
    journals =
        client
            .configMaps()
            .inAnyNamespace()
            .withLabel(ResourceNames.MANAGED_BY_LABEL, ResourceNames.MANAGED_BY)
            .inform(ChangeHandlers.onChange(this::followJournal));
    upgrades =
        client
            .resources(Upgrade.class)
            .inAnyNamespace()
            .inform(ChangeHandlers.onChange(this::showStatus));
    if (screen != null) {
      screen.start();
    }
  }

  /**
   * Once the journal says the upgrade ended, the table is drawn a last time and left alone: the
   * sandbox prints its summary below it as soon as the Upgrade's state label follows.
   */
  private void followJournal(ConfigMap cm) {
    if (showJournal(cm) && screen != null) {
      screen.close();
    }
  }

  /** True when the upgrade ended. */
  private synchronized boolean showJournal(ConfigMap cm) {
    Journal journal;
    try {
      journal = codec.decode(cm.getData());
    } catch (RuntimeException e) {
      print(List.of("journal " + cm.getMetadata().getName() + " is unreadable: " + e.getMessage()));
      return false;
    }
    List<String> changes = ProgressEvents.journal(last, journal, clock.instant());
    last = Optional.of(journal);
    print(changes);
    return ProgressTable.ENDED.contains(journal.upgrade().phase());
  }

  private synchronized void showStatus(Upgrade u) {
    upgrade = u.getMetadata().getName();
    Map<String, NodeWait> now =
        NodeWait.of(u.getStatus() == null ? null : u.getStatus().getNodeStatuses());
    List<String> changes = ProgressEvents.waits(waits, now);
    waits = now;
    print(changes);
  }

  /** The table as it stands now; empty before the controller wrote its first journal. */
  private synchronized List<String> table() {
    return last.map(j -> ProgressTable.render(upgrade, j, waits, clock.instant()))
        .orElse(List.of("waiting for the controller to start the upgrade..."));
  }

  private void print(List<String> changes) {
    for (String change : changes) {
      String line =
          String.format(
              Locale.ROOT, "[%7s] %s", seconds(Duration.between(start, clock.instant())), change);
      if (screen == null) {
        out.println(line);
      } else {
        screen.event(line);
      }
    }
  }

  static String seconds(Duration d) {
    return ProgressFormat.seconds(d);
  }

  @Override
  public void close() {
    if (screen != null) {
      screen.close();
    }
    if (journals != null) {
      journals.close();
    }
    if (upgrades != null) {
      upgrades.close();
    }
  }
}
