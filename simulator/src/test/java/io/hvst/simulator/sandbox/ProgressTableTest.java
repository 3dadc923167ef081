package io.hvst.simulator.sandbox;

import static io.hvst.simulator.sandbox.Journals.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTableTest {

  private final Journal journal =
      Journals.of(
          UpgradePhase.UPGRADING_NODES,
          Journals.succeeded(),
          Journals.draining(
              Journals.migrating("default/vm-node-3-1", "node-2", 8.1)
                  .finish(MigrationRecord.SUCCEEDED, "", at(8.41)),
              Journals.migrating("default/vm-node-3-2", "node-1", 8.2)));

  @Test
  void headsTheTableWithThePhaseElapsedTimeAndVmCounts() {
    List<String> lines = ProgressTable.render("hvst-upgrade", journal, Map.of(), at(9.25));

    assertThat(lines.get(0))
        .isEqualTo(
            "upgrade hvst-upgrade v1.4.2 -> v1.5.0  UPGRADING_NODES 9.25s  nodes 1/3 done"
                + "  migrations 1 done, 1 running  VMs stopped 0");
  }

  @Test
  void showsOneLinePerNodeInUpgradeOrderWithItsStepAndTimeThere() {
    List<String> lines = ProgressTable.render("hvst-upgrade", journal, Map.of(), at(9.25));

    assertThat(lines).hasSize(4);
    assertThat(lines.get(1))
        .startsWith("  node-2       SUCCEEDED          total 6.00s")
        .endsWith("[PRE_DRAIN 1.00s, DRAIN 2.00s, UPGRADE 3.00s]");
    assertThat(lines.get(2))
        .startsWith("  node-3       DRAIN              1.25s")
        .contains("vms 1 moved, 1 moving, 0 stopped")
        .endsWith("[PRE_DRAIN 0.50s]");
    assertThat(lines.get(3)).isEqualTo("  node-1       QUEUED");
  }

  @Test
  void showsWhatABusyNodeWaitsForFromTheUpgradeStatus() {
    Map<String, NodeWait> waits =
        Map.of(
            "node-3",
            new NodeWait("EvictionBlockedByPdb", "Eviction of default/web-1 refused"),
            "node-2",
            new NodeWait("UpgradeSucceeded", "done"));

    List<String> lines = ProgressTable.render("hvst-upgrade", journal, waits, at(9.25));

    assertThat(lines.get(2))
        .contains("0 stopped   waits: EvictionBlockedByPdb: Eviction of default/web-1 refused  [")
        .endsWith("[PRE_DRAIN 0.50s]");
    assertThat(lines.get(1)).doesNotContain("waits");
  }

  @Test
  void stopsTheClockWhenTheUpgradeEnded() {
    Journal ended =
        new Journal(journal.upgrade().enter(UpgradePhase.SUCCEEDED, at(20)), journal.nodes());

    assertThat(ProgressTable.render("u", ended, Map.of(), at(95)).get(0))
        .contains("SUCCEEDED 20.00s");
  }
}
