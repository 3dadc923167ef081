package io.hvst.statemachine.status;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What changed state between the journal that was read and the journal that was written. */
public final class Transitions {

  private Transitions() {}

  public static List<Transition> between(Optional<Journal> before, Journal after) {
    List<Transition> changes = new ArrayList<>();
    String fromPhase = before.map(j -> j.upgrade().phase().name()).orElse("");
    if (!fromPhase.equals(after.upgrade().phase().name())) {
      changes.add(
          new Transition(
              "", fromPhase, after.upgrade().phase().name(), after.upgrade().failureInfo()));
    }
    for (NodeRecord rec : after.nodeRecords()) {
      String from = before.flatMap(j -> j.node(rec.name())).map(r -> r.state().name()).orElse("");
      if (!from.equals(rec.state().name())) {
        changes.add(new Transition(rec.name(), from, rec.state().name(), rec.failureInfo()));
      }
    }
    return changes;
  }
}
