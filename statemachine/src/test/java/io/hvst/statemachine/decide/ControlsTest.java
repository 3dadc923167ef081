package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.QuotaView;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.UpgradeAction.CancelMigration;
import io.hvst.statemachine.decide.UpgradeAction.ClearAnnotation;
import io.hvst.statemachine.decide.UpgradeAction.CreateJob;
import io.hvst.statemachine.decide.UpgradeAction.MigrateVm;
import io.hvst.statemachine.decide.UpgradeAction.SetQuota;
import io.hvst.statemachine.decide.UpgradeAction.Uncordon;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pause, resume, abort and retry, through the Upgrade's annotations. */
class ControlsTest {

  private static final long GIB = 1L << 30;
  private final UpgradeDecider decider = Deciders.standard(World.policy());
  private final World world =
      new World()
          .with(
              Nodes.management("m-1").kubevirt(),
              Nodes.management("m-2").kubevirt(),
              Nodes.worker("w-1").kubevirt());
  private final Map<String, String> annotations = new HashMap<>();
  private Journal journal;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"m-1\":\"pause\"}                 | m-1 | true  | 0",
        "{\"m-1\":\"unpause\"}               | m-1 | false | 0",
        "{ \"m-1\" : \"pause\" , \"x\":\"unpause\" } | m-1 | true | 0",
        "{\"m-1\":\"stop\"}                  | m-1 | false | 1",
        "not json                           | m-1 | false | 1",
      })
  void readsHarvestersPauseMapAndNamesWhatItCannotRead(
      String map, String node, boolean paused, int errors) {
    Controls c = Controls.of(upgrade(Map.of(Controls.PAUSE_MAP, map)));
    assertThat(c.pauses(node)).isEqualTo(paused);
    assertThat(c.errors()).hasSize(errors);
  }

  @Test
  void pausesAfterTheCurrentStepAndResumesWhereItStopped() {
    start();
    annotations.put(Controls.PAUSE, "true");
    world.node("m-1", World.schedulable(true));
    decide();
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.PAUSED);
    assertThat(state("m-1"))
        .as("PRE_DRAIN finished, then the node stopped")
        .isEqualTo(NodeState.PAUSED);
    assertThat(journal.node("m-1").orElseThrow().resumeTo()).isEqualTo(NodeState.REPO_VM_MIGRATION);
    assertThat(decide()).noneMatch(CreateJob.class::isInstance);

    annotations.remove(Controls.PAUSE);
    List<UpgradeAction> resumed = decide();
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.UPGRADING_NODES);
    assertThat(state("m-1")).isEqualTo(NodeState.UPGRADE);
    assertThat(resumed).anyMatch(CreateJob.class::isInstance);
  }

  @Test
  void holdsAQueuedNodeThePauseMapNamesAndLetsItGoOnUnpause() {
    annotations.put(Controls.PAUSE_MAP, "{\"m-2\":\"pause\"}");
    start();
    assertThat(state("m-2")).isEqualTo(NodeState.PAUSED);
    upgrade("m-1");
    assertThat(state("m-2")).isEqualTo(NodeState.PAUSED);
    annotations.put(Controls.PAUSE_MAP, "{\"m-2\":\"unpause\"}");
    decide();
    assertThat(state("m-2")).isEqualTo(NodeState.PRE_DRAIN);
  }

  @Test
  void abortMidDrainCancelsMigrationsRestoresQuotaAndUncordons() {
    world.vm(VmView.simple("tenant", "db", "m-1", new Resources(500, 2 * GIB)));
    world.quota(
        new QuotaView(
            "tenant",
            "q",
            Map.of("requests.memory", 4 * GIB),
            Map.of("requests.memory", 3 * GIB),
            Map.of(),
            "1"));
    start();
    world.node("m-1", World.schedulable(true));
    SetQuota raise = only(decide(), SetQuota.class);
    world.quota(
        new QuotaView(
            "tenant", "q", raise.hard(), Map.of("requests.memory", 3 * GIB), Map.of(), "2"));
    MigrateVm migrate = only(decide(), MigrateVm.class);
    world.migration(
        new MigrationView(
            "tenant", migrate.migration(), "db", "Running", "m-1", migrate.target(), "", Map.of()));

    annotations.put(Controls.ABORT, "true");
    List<UpgradeAction> undo = decide();
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.ABORTED);
    assertThat(journal.upgrade().failure().reason()).isEqualTo(Reason.ABORTED_BY_USER);
    assertThat(journal.upgrade().failure().message()).contains("restored as they were: m-1");
    assertThat(undo)
        .contains(new CancelMigration("m-1", "tenant", migrate.migration()), new Uncordon("m-1"));
    assertThat(only(undo, SetQuota.class).hard()).containsEntry("requests.memory", 4 * GIB);
  }

  @Test
  void retriesAFailedNodeOnceAndConsumesTheAnnotation() {
    start();
    world.node("m-1", World.schedulable(true));
    CreateJob job = only(decide(), CreateJob.class);
    world.job(job.job().name(), JobView.Phase.FAILED);
    decide();
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.FAILED);
    assertThat(journal.upgrade().failure().message()).contains(Controls.RETRY + "=m-1");

    annotations.put(Controls.RETRY, "m-1");
    List<UpgradeAction> retried = decide();
    assertThat(retried).contains(new ClearAnnotation(Controls.RETRY));
    CreateJob again = only(retried, CreateJob.class);
    assertThat(again.job().name()).isNotEqualTo(job.job().name()).endsWith("-2");
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.UPGRADING_NODES);
    assertThat(journal.node("m-1").orElseThrow().attempt()).isEqualTo(2);

    assertThat(decide())
        .as("retried once, though the annotation is not gone yet")
        .noneMatch(ClearAnnotation.class::isInstance);
    annotations.remove(Controls.RETRY);
    world.job(again.job().name(), JobView.Phase.FAILED);
    decide();
    assertThat(decide()).as("no annotation, no retry").noneMatch(CreateJob.class::isInstance);
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.FAILED);
    annotations.put(Controls.RETRY, "m-1");
    assertThat(only(decide(), CreateJob.class).job().name()).endsWith("-3");
  }

  private void upgrade(String node) {
    world.node(node, World.schedulable(true));
    CreateJob job = only(decide(), CreateJob.class);
    world.job(job.job().name(), JobView.Phase.SUCCEEDED).node(node, World.os("Harvester v1.5.0"));
    decide();
    world.node(node, World.schedulable(false));
    decide();
    assertThat(state(node)).isEqualTo(NodeState.SUCCEEDED);
  }

  private static UpgradeRequest upgrade(Map<String, String> annotations) {
    UpgradeRequest u = World.upgrade("v1.5.0");
    return new UpgradeRequest(
        u.namespace(),
        u.name(),
        u.uid(),
        u.version(),
        u.upgradeImage(),
        u.createdAt(),
        annotations);
  }

  private void start() {
    journal = decider.start(upgrade(annotations), world.snapshot()).journal().orElseThrow();
  }

  private List<UpgradeAction> decide() {
    Decision d = decider.decide(upgrade(annotations), journal, world.snapshot());
    journal = d.journal().orElseThrow();
    return d.actions();
  }

  private NodeState state(String node) {
    return journal.node(node).orElseThrow().state();
  }

  private static <A extends UpgradeAction> A only(List<UpgradeAction> actions, Class<A> type) {
    List<A> found = actions.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("%s in %s", type.getSimpleName(), actions).hasSize(1);
    return found.get(0);
  }
}
