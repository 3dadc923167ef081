package io.hvst.statemachine.decide;

import io.hvst.statemachine.cluster.ClusterSnapshot;
import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Instant;
import java.util.Optional;

/** Everything one step needs to decide for one node. */
public record StepContext(
    UpgradeRequest upgrade,
    Journal journal,
    NodeRecord record,
    ClusterSnapshot snapshot,
    UpgradePolicy policy) {

  public Instant now() {
    return snapshot.observedAt();
  }

  public Optional<NodeView> node() {
    return snapshot.node(record.name());
  }

  public String targetVersion() {
    return journal.upgrade().targetVersion();
  }

  /** When the current step runs out of time. */
  public Instant deadline() {
    Instant entered = record.enteredAt(record.state()).orElse(now());
    return entered.plus(policy.timeout(record.state()));
  }

  public boolean timedOut() {
    return !now().isBefore(deadline());
  }

  public StepContext with(NodeRecord changed) {
    return new StepContext(upgrade, journal, changed, snapshot, policy);
  }
}
