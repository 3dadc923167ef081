package io.hvst.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.simulator.bench.ReactionLedger.Kind;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.status.HarvesterStates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An event is answered by the first write that shows the controller acted on it. */
class ReactionLedgerTest {

  private static final long MS = 1_000_000L;
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void aMigrationIsAnsweredWhenTheJournalRecordsItAsSucceeded() {
    ReactionLedger ledger = new ReactionLedger();
    ledger.event(Kind.MIGRATION_SUCCEEDED, "node-1", "default/vm-1", 100 * MS);
    ledger.journalSeen(journal(node("node-1", NodeState.DRAIN, running("default/vm-1"))), 110 * MS);
    ledger.journalSeen(journal(node("node-1", NodeState.DRAIN, done("default/vm-2"))), 120 * MS);
    assertThat(ledger.summary().count()).isZero();
    ledger.journalSeen(journal(node("node-1", NodeState.DRAIN, done("default/vm-1"))), 130 * MS);
    ReactionSummary s = ledger.summary();
    assertThat(s.count()).isEqualTo(1);
    assertThat(s.p50Ms()).isEqualTo(30.0);
    assertThat(s.unanswered()).isZero();
  }

  @Test
  void aCompleteJobIsAnsweredByTheStatusLeavingPreDrained() {
    ReactionLedger ledger = new ReactionLedger();
    ledger.event(Kind.JOB_COMPLETE, "node-2", "", 0);
    ledger.statusSeen(Map.of("node-2", status(HarvesterStates.PRE_DRAINED)), 5 * MS);
    ledger.statusSeen(Map.of("node-2", status(HarvesterStates.WAITING_REBOOT)), 40 * MS);
    assertThat(ledger.summary().byKind().get("JOB_COMPLETE").p99Ms()).isEqualTo(40.0);
  }

  @Test
  void aNodeBackOnTheNewImageIsAnsweredByPostDrain() {
    ReactionLedger ledger = new ReactionLedger();
    ledger.event(Kind.NODE_UPGRADED, "node-3", "", 0);
    ledger.journalSeen(journal(node("node-3", NodeState.UPGRADE)), 10 * MS);
    ledger.journalSeen(journal(node("node-3", NodeState.POST_DRAIN)), 20 * MS);
    assertThat(ledger.summary().p50Ms()).isEqualTo(20.0);
  }

  @Test
  void anAnswerSeenBeforeItsEventIsCountedApartAndRepeatsAreIgnored() {
    ReactionLedger ledger = new ReactionLedger();
    ledger.journalSeen(journal(node("node-1", NodeState.DRAIN, done("default/vm-1"))), 10 * MS);
    ledger.event(Kind.MIGRATION_SUCCEEDED, "node-1", "default/vm-1", 12 * MS);
    ledger.event(Kind.MIGRATION_SUCCEEDED, "node-1", "default/vm-1", 14 * MS);
    ledger.event(Kind.NODE_UPGRADED, "node-1", "", 15 * MS);
    ReactionSummary s = ledger.summary();
    assertThat(s.reordered()).isEqualTo(1);
    assertThat(s.count()).isZero();
    assertThat(s.unanswered()).isEqualTo(1);
  }

  private static NodeUpgradeStatus status(String state) {
    return new NodeUpgradeStatus(state, "", "");
  }

  private static MigrationRecord running(String vm) {
    return new MigrationRecord(vm, "m", "node-1", "node-2", 1, T, null, "", "");
  }

  private static MigrationRecord done(String vm) {
    return running(vm).finish(MigrationRecord.SUCCEEDED, "", T);
  }

  private static NodeRecord node(String name, NodeState state, MigrationRecord... migrations) {
    Map<NodeState, Instant> entered = new TreeMap<>();
    for (NodeState s : NodeState.values()) {
      entered.put(s, T);
      if (s == state) {
        break;
      }
    }
    return NodeRecord.queued(name).toBuilder()
        .state(state)
        .entered(entered)
        .migrations(List.of(migrations))
        .build();
  }

  private static Journal journal(NodeRecord rec) {
    UpgradeRecord upgrade =
        new UpgradeRecord(
            UpgradeRecord.SCHEMA_VERSION,
            "uid",
            UpgradePhase.UPGRADING_NODES,
            List.of(rec.name()),
            "v1.5.0",
            "v1.4.2",
            Map.of(UpgradePhase.PENDING, T),
            null);
    return new Journal(upgrade, new TreeMap<>(Map.of(rec.name(), rec)));
  }
}
