package io.hvst.simulator.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hvst.controller.journal.JournalCodec;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.StepDurations;
import io.hvst.statemachine.status.Transition;
import io.hvst.statemachine.status.Transitions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Prints the upgrade's progress as the journal changes: a line per state change. */
public final class ProgressPrinter implements AutoCloseable {

  private final KubernetesClient client;
  private final PrintStream out;
  private final Clock clock;
  private final Instant start;
  private final JournalCodec codec = new JournalCodec();
  private Optional<Journal> last = Optional.empty();
  private SharedIndexInformer<ConfigMap> informer;

  public ProgressPrinter(KubernetesClient client, PrintStream out, Clock clock) {
    this.client = client;
    this.out = out;
    this.clock = clock;
    this.start = clock.instant();
  }

  public void start() {
    informer =
        client
            .configMaps()
            .inAnyNamespace()
            .withLabel(ResourceNames.MANAGED_BY_LABEL, ResourceNames.MANAGED_BY)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap cm) {
                    show(cm);
                  }

                  @Override
                  public void onUpdate(ConfigMap before, ConfigMap after) {
                    show(after);
                  }

                  @Override
                  public void onDelete(ConfigMap cm, boolean unknown) {}
                });
  }

  private synchronized void show(ConfigMap cm) {
    Journal journal;
    try {
      journal = codec.decode(cm.getData());
    } catch (RuntimeException e) {
      line("journal " + cm.getMetadata().getName() + " is unreadable: " + e.getMessage());
      return;
    }
    for (Transition t : Transitions.between(last, journal)) {
      if (!t.to().equals(NodeState.QUEUED.name())) {
        line(describe(journal, t));
      }
    }
    last = Optional.of(journal);
  }

  private String describe(Journal journal, Transition t) {
    if (t.isUpgradeWide()) {
      String text = "upgrade " + (t.from().isEmpty() ? "" : t.from() + " -> ") + t.to();
      if (t.from().isEmpty()) {
        text +=
            "  to "
                + journal.upgrade().targetVersion()
                + ", order "
                + String.join(", ", journal.upgrade().order());
      }
      return text
          + t.failure().map(f -> "  (" + f.reason().code() + ": " + f.message() + ")").orElse("");
    }
    NodeRecord rec = journal.node(t.node()).orElseThrow();
    String head = String.format(Locale.ROOT, "%-12s %s", t.node(), t.to());
    if (NodeState.valueOf(t.to()) == NodeState.SUCCEEDED) {
      return head
          + "  in "
          + seconds(StepDurations.total(rec, clock.instant()))
          + "  ("
          + steps(rec)
          + ")";
    }
    return head
        + t.failure()
            .map(f -> "  in " + f.step() + ": " + f.reason().code() + ": " + f.message())
            .orElse("");
  }

  private String steps(NodeRecord rec) {
    Map<NodeState, Duration> steps = StepDurations.of(rec, clock.instant());
    return steps.entrySet().stream()
        .map(e -> e.getKey() + " " + seconds(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private void line(String text) {
    out.printf(Locale.ROOT, "[%7s] %s%n", seconds(Duration.between(start, clock.instant())), text);
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0);
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
