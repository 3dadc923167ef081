package io.hvst.controller.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.Taint;
import io.hvst.statemachine.journal.Failure;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.QuotaChange;
import io.hvst.statemachine.journal.SchedulingState;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.journal.UpgradeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalCodecTest {

  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  private final JournalCodec codec = new JournalCodec();

  static Journal sample() {
    UpgradeRecord upgrade =
        new UpgradeRecord(
            1,
            "uid-1",
            UpgradePhase.UPGRADING_NODES,
            List.of("n-1", "n-2"),
            "v1.5.0",
            "v1.4.2",
            Map.of(UpgradePhase.PENDING, T),
            null);
    NodeRecord n1 =
        NodeRecord.queued("n-1")
            .enter(NodeState.DRAIN, T)
            .withScheduling(
                new SchedulingState(
                    false,
                    Map.of("kubevirt.io/schedulable", "false"),
                    List.of(new Taint("management", "reserved", "NoSchedule")),
                    T),
                true)
            .withMigrations(
                l -> {
                  l.add(
                      new MigrationRecord(
                          "default/vm-1", "hvst-m-1", "n-1", "n-2", 1, T, null, "", ""));
                  return l;
                })
            .withQuotaChanges(
                l -> {
                  l.add(
                      new QuotaChange(
                          "default",
                          "q",
                          "default/vm-1",
                          Map.of("requests.memory", 5L),
                          Map.of("requests.memory", 10L),
                          Map.of("requests.memory", 15L),
                          null,
                          QuotaChange.State.RAISED,
                          T));
                  return l;
                })
            .withStoppedVms(
                l -> {
                  l.add(new StoppedVm("default/gpu", "Always", "n-1", StoppedVm.State.STOPPED, T));
                  return l;
                });
    NodeRecord n2 =
        NodeRecord.queued("n-2")
            .withFailure(new Failure(Reason.UPGRADE_JOB_FAILED, "exit 1", NodeState.UPGRADE, T));
    return new Journal(upgrade, new TreeMap<>(Map.of("n-1", n1, "n-2", n2)));
  }

  @Test
  void roundTripsEveryField() {
    Journal journal = sample();
    Map<String, String> data = codec.encode(journal);
    assertThat(data).containsOnlyKeys("upgrade", "node.n-1", "node.n-2");
    assertThat(codec.decode(data)).isEqualTo(journal);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "invalid JSON           | node.n-1 | {not json                | key \"node.n-1\" is not valid",
        "unknown field          | node.n-1 | {\"name\":\"n-1\",\"state\":\"QUEUED\",\"attempt\":1,\"surprise\":1} | key \"node.n-1\" is not valid",
        "unknown state          | node.n-1 | {\"name\":\"n-1\",\"state\":\"FLYING\",\"attempt\":1} | key \"node.n-1\" is not valid",
        "entry under wrong key  | node.n-1 | {\"name\":\"n-2\",\"state\":\"QUEUED\",\"attempt\":1} | holds the entry of node \"n-2\"",
      })
  void namesWhatIsWrongWithAHandEditedNodeEntry(
      String what, String key, String value, String message) {
    Map<String, String> data = new HashMap<>(codec.encode(sample()));
    data.put(key, value);
    assertThatThrownBy(() -> codec.decode(data))
        .isInstanceOf(JournalUnreadableException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesAJournalOfAnotherSchemaVersion() {
    Map<String, String> data = new HashMap<>(codec.encode(sample()));
    data.put("upgrade", data.get("upgrade").replace("\"schemaVersion\":1", "\"schemaVersion\":7"));
    assertThatThrownBy(() -> codec.decode(data))
        .hasMessageContaining("schemaVersion 7 is not supported");
  }

  @Test
  void refusesNodeEntriesThatDoNotMatchTheOrder() {
    Map<String, String> missing = new HashMap<>(codec.encode(sample()));
    missing.remove("node.n-2");
    assertThatThrownBy(() -> codec.decode(missing)).hasMessageContaining("missing [n-2]");
    Map<String, String> none = Map.of();
    assertThatThrownBy(() -> codec.decode(none)).hasMessageContaining("\"upgrade\" is missing");
  }

  @Test
  void staysUnderOneMebibyteFor200NodesWith30MigrationsEach() {
    TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    List<String> order = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = "harvester-node-" + i;
      order.add(name);
      NodeRecord rec =
          NodeRecord.queued(name)
              .enter(NodeState.PRE_DRAIN, T)
              .enter(NodeState.DRAIN, T)
              .enter(NodeState.SUCCEEDED, T)
              .withScheduling(
                  new SchedulingState(
                      false, Map.of("kubevirt.io/schedulable", "true"), List.of(), T),
                  true)
              .withJob("hvst-upgrade-" + name + "-upgrade-1");
      for (int v = 0; v < 30; v++) {
        Instant started = T.plusNanos(123_456_789_000L * (v + 1));
        MigrationRecord m =
            new MigrationRecord(
                    "production-workloads/vm-" + i + "-" + v,
                    "hvst-hvst-upgrade-vm-" + i + "-" + v + "-" + name + "-1",
                    name,
                    "harvester-node-" + (i + 1),
                    1,
                    started,
                    null,
                    "",
                    "")
                .finish(MigrationRecord.SUCCEEDED, "", started.plusMillis(41_234));
        rec =
            rec.withMigrations(
                l -> {
                  l.add(m);
                  return l;
                });
      }
      nodes.put(name, rec);
    }
    Journal big =
        new Journal(
            new UpgradeRecord(
                1, "uid", UpgradePhase.SUCCEEDED, order, "v1.5.0", "v1.4.2", Map.of(), null),
            nodes);
    int bytes =
        codec.encode(big).entrySet().stream()
            .mapToInt(e -> e.getKey().length() + e.getValue().length())
            .sum();
    assertThat(bytes).isLessThan(1 << 20);
  }

  @Test
  void writesASucceededMigrationAsOneReadableLineAndReadsItBack() {
    Instant started = Instant.parse("2026-11-23T10:00:01.123456Z");
    MigrationRecord done =
        new MigrationRecord("default/vm-1", "hvst-m-1", "n-1", "n-2", 2, started, null, "", "")
            .finish(MigrationRecord.SUCCEEDED, "", started.plusMillis(3250));
    Journal journal = withMigrationOnFirstNode(done);

    Map<String, String> data = codec.encode(journal);

    assertThat(data.get("node.n-1"))
        .contains(
            "\"default/vm-1 -> n-2 at 2026-11-23T10:00:01.123456Z took PT3.25S (attempt 2)\"");
    assertThat(codec.decode(data)).isEqualTo(journal);
  }

  @Test
  void keepsAFailedMigrationAsAnObjectWithItsMessage() {
    MigrationRecord failed =
        new MigrationRecord("default/vm-1", "hvst-m-1", "n-1", "n-2", 1, T, null, "", "")
            .finish(MigrationRecord.FAILED, "no route to host", T.plusSeconds(3));
    Journal journal = withMigrationOnFirstNode(failed);

    Map<String, String> data = codec.encode(journal);

    assertThat(data.get("node.n-1")).contains("\"message\":\"no route to host\"");
    assertThat(codec.decode(data)).isEqualTo(journal);
  }

  @Test
  void readsASucceededMigrationWrittenAsAnObject() {
    Map<String, String> data = new HashMap<>(codec.encode(sample()));
    String object =
        "{\"vm\":\"default/vm-9\",\"target\":\"n-2\",\"attempt\":1,"
            + "\"startedAt\":\"2026-11-23T10:00:00Z\",\"finishedAt\":\"2026-11-23T10:00:04Z\","
            + "\"result\":\"Succeeded\"}";
    data.put(
        "node.n-1",
        data.get("node.n-1").replace("\"migrations\":[", "\"migrations\":[" + object + ","));

    MigrationRecord read = codec.decode(data).node("n-1").orElseThrow().migrations().get(0);

    assertThat(read.vm()).isEqualTo("default/vm-9");
    assertThat(read.finishedAt()).isEqualTo(T.plusSeconds(4));
  }

  @Test
  void namesAHandEditedMigrationLineItCannotRead() {
    Map<String, String> data = new HashMap<>(codec.encode(sample()));
    data.put(
        "node.n-1",
        data.get("node.n-1").replace("\"migrations\":[", "\"migrations\":[\"vm-1 went away\","));

    assertThatThrownBy(() -> codec.decode(data))
        .isInstanceOf(JournalUnreadableException.class)
        .hasMessageContaining("key \"node.n-1\" is not valid")
        .hasMessageContaining("vm-1 went away");
  }

  /** The sample journal with {@code extra} as the first node's only migration. */
  private static Journal withMigrationOnFirstNode(MigrationRecord extra) {
    Journal base = sample();
    NodeRecord n1 =
        base.node("n-1")
            .orElseThrow()
            .withMigrations(
                l -> {
                  l.clear();
                  l.add(extra);
                  return l;
                });
    TreeMap<String, NodeRecord> nodes = new TreeMap<>(base.nodes());
    nodes.put("n-1", n1);
    return new Journal(base.upgrade(), nodes);
  }
}
