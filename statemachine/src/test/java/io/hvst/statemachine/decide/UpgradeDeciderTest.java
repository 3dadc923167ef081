package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.JobView;
import io.hvst.statemachine.cluster.SchedulingPolicy;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.UpgradeAction.Cordon;
import io.hvst.statemachine.decide.UpgradeAction.CreateJob;
import io.hvst.statemachine.decide.UpgradeAction.Uncordon;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.status.StatusProjector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpgradeDeciderTest {

  private final UpgradeDecider decider = Deciders.standard(World.policy());
  private static final String POLICY = "hvst-scheduling-policy: ";

  private final UpgradeRequest upgrade = World.upgrade("v1.5.0");
  private List<UpgradeAction> lastActions = List.of();
  private World world;
  private Journal journal;

  @BeforeEach
  void cluster() {
    world =
        new World()
            .with(
                Nodes.management("m-1").label("kubevirt.io/schedulable", "true"),
                Nodes.management("m-2"),
                Nodes.worker("w-1"));
  }

  @Test
  void recordsSchedulingStateAndOwnershipBeforeCordoning() {
    Decision first = decider.start(upgrade, world.snapshot());
    NodeRecord m1 = first.journal().orElseThrow().node("m-1").orElseThrow();
    assertThat(m1.state()).isEqualTo(NodeState.PRE_DRAIN);
    assertThat(m1.cordonedByUs()).isTrue();
    assertThat(m1.scheduling().labels()).containsEntry("kubevirt.io/schedulable", "true");
    assertThat(first.actions()).anyMatch(a -> a instanceof Cordon c && c.node().equals("m-1"));
    assertThat(first.actions()).noneMatch(a -> a.node().equals("m-2") && !(a instanceof Wait));
  }

  @Test
  void drainsNextNodeOnlyAfterPreviousNodeIsReady() {
    List<UpgradeAction> actions = start();
    assertThat(actions).anyMatch(a -> a instanceof Cordon c && c.node().equals("m-1"));
    world.node("m-1", World.schedulable(true));

    actions = decide();
    CreateJob job = only(actions, CreateJob.class);
    assertThat(job.job().node()).isEqualTo("m-1");
    assertThat(job.job().image()).isEqualTo("rancher/harvester-upgrade:v1.5.0");
    assertThat(job.job().env()).containsEntry("HARVESTER_UPGRADE_VERSION", "v1.5.0");
    assertThat(state("m-1")).isEqualTo(NodeState.UPGRADE);

    world.job(job.job().name(), JobView.Phase.SUCCEEDED).node("m-1", World.readiness(false));
    actions = decide();
    assertThat(waitOf(actions, "m-1").reason()).isEqualTo(Reason.NODE_REBOOTING);
    assertThat(state("m-2")).isEqualTo(NodeState.QUEUED);

    world.node("m-1", World.readiness(true)).node("m-1", World.os("Harvester v1.5.0"));
    actions = decide();
    assertThat(actions).contains(new Uncordon("m-1"));
    assertThat(state("m-2")).isEqualTo(NodeState.QUEUED);

    world.node("m-1", World.schedulable(false));
    actions = decide();
    assertThat(state("m-1")).isEqualTo(NodeState.SUCCEEDED);
    assertThat(state("m-2")).isEqualTo(NodeState.PRE_DRAIN);
    assertThat(actions).anyMatch(a -> a instanceof Cordon c && c.node().equals("m-2"));
    assertThat(journal.node("m-1").orElseThrow().enteredAt(NodeState.SUCCEEDED)).isPresent();
  }

  @Test
  void upgradesEveryNodeInOrderAndSucceeds() {
    start();
    for (String name : List.of("m-1", "m-2", "w-1")) {
      upgradeNode(name);
    }
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.SUCCEEDED);
    assertThat(journal.nodeRecords()).allMatch(r -> r.state() == NodeState.SUCCEEDED);
  }

  @Test
  void aFinishedUpgradeStillNamesIgnoredPolicyEntriesWithoutCountingThemAsABlock() {
    String error = "rule #2 (\"broken\"): no nodeSelector";
    world.schedulingPolicy(new SchedulingPolicy(List.of(), List.of(), List.of(error)));
    start();
    assertThat(decide()).contains(new Wait("", Reason.SCHEDULING_POLICY_INVALID, POLICY + error));
    for (String name : List.of("m-1", "m-2", "w-1")) {
      upgradeNode(name);
    }
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.SUCCEEDED);
    Wait ignored = new Wait("", Reason.SCHEDULING_POLICY_IGNORED, POLICY + error);
    assertThat(lastActions).as("the pass that finished").contains(ignored);

    Decision after = decider.decide(upgrade, journal, world.snapshot());

    assertThat(after.journal()).contains(journal);
    assertThat(after.waits()).containsExactly(ignored);
    assertThat(Reason.SCHEDULING_POLICY_IGNORED.kind()).isEqualTo(Reason.Kind.PROGRESS);
    assertThat(StatusProjector.project(after).conditions())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo("True");
              assertThat(c.reason()).isEqualTo(Reason.UPGRADE_SUCCEEDED.code());
              assertThat(c.message())
                  .isEqualTo(
                      Reason.UPGRADE_SUCCEEDED.text()
                          + " Ignored, fix before the next upgrade: "
                          + POLICY
                          + error
                          + ".");
            });
  }

  @Test
  void leavesACordonItDidNotMake() {
    world.node("m-1", World.schedulable(true));
    start();
    assertThat(journal.node("m-1").orElseThrow().cordonedByUs()).isFalse();
    CreateJob job = only(decide(), CreateJob.class);
    world.job(job.job().name(), JobView.Phase.SUCCEEDED).node("m-1", World.os("Harvester v1.5.0"));
    List<UpgradeAction> actions = decide();
    assertThat(actions).doesNotContain(new Uncordon("m-1"));
    assertThat(state("m-1")).isEqualTo(NodeState.SUCCEEDED);
    assertThat(world.nodeView("m-1").unschedulable()).isTrue();
  }

  @Test
  void adoptsAnExistingJobInsteadOfCreatingItTwice() {
    start();
    world.node("m-1", World.schedulable(true));
    CreateJob job = only(decide(), CreateJob.class);
    world.job(job.job().name(), JobView.Phase.ACTIVE);
    List<UpgradeAction> actions = decide();
    assertThat(actions).noneMatch(CreateJob.class::isInstance);
    assertThat(waitOf(actions, "m-1").reason()).isEqualTo(Reason.UPGRADE_JOB_RUNNING);
  }

  @Test
  void failsTheNodeAndStopsTheUpgradeWhenTheJobFails() {
    start();
    world.node("m-1", World.schedulable(true));
    CreateJob job = only(decide(), CreateJob.class);
    world.job(job.job().name(), JobView.Phase.FAILED);
    decide();
    NodeRecord m1 = journal.node("m-1").orElseThrow();
    assertThat(m1.state()).isEqualTo(NodeState.FAILED);
    assertThat(m1.failure().reason()).isEqualTo(Reason.UPGRADE_JOB_FAILED);
    assertThat(m1.failure().step()).isEqualTo(NodeState.UPGRADE);
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.FAILED);
    assertThat(journal.upgrade().failure().message()).contains("m-1");
    assertThat(state("m-2")).isEqualTo(NodeState.QUEUED);
  }

  @Test
  void failsANodeThatNeverComesBackAfterTheUpgradeTimeout() {
    start();
    world.node("m-1", World.schedulable(true));
    CreateJob job = only(decide(), CreateJob.class);
    world.job(job.job().name(), JobView.Phase.SUCCEEDED).node("m-1", World.readiness(false));
    Decision waiting = decider.decide(upgrade, journal, world.snapshot());
    assertThat(waiting.wakeAt()).contains(World.T0.plus(Duration.ofMinutes(30)));
    world.advance(Duration.ofMinutes(31));
    decide();
    assertThat(journal.node("m-1").orElseThrow().failure().reason())
        .isEqualTo(Reason.NODE_DID_NOT_RETURN);
  }

  @Test
  void failsAStepThatWaitsBeyondItsTimeoutNamingWhatItWaitedFor() {
    start();
    world.advance(Duration.ofMinutes(11));
    decide();
    NodeRecord m1 = journal.node("m-1").orElseThrow();
    assertThat(m1.failure().reason()).isEqualTo(Reason.STEP_TIMEOUT);
    assertThat(m1.failure().message()).contains("PRE_DRAIN").contains("cordon");
  }

  @Test
  void skipsTheJobOnANodeThatAlreadyRunsTheTargetVersion() {
    world.node("m-2", World.os("Harvester v1.5.0"));
    start();
    upgradeNode("m-1");
    world.node("m-2", World.schedulable(true));
    List<UpgradeAction> actions = decide();
    assertThat(actions).noneMatch(CreateJob.class::isInstance);
    assertThat(actions).contains(new Uncordon("m-2"));
  }

  @Test
  void refusesAnUpgradeWithoutAVersionAndTouchesNothing() {
    Decision decision = decider.start(World.upgrade(null), world.snapshot());
    assertThat(decision.refusal()).map(Refusal::reason).contains(Reason.MISSING_VERSION);
    assertThat(decision.journal()).isEmpty();
    assertThat(decision.actions()).isEmpty();
  }

  private void upgradeNode(String name) {
    world.node(name, World.schedulable(true));
    List<UpgradeAction> actions = decide();
    actions.stream()
        .filter(CreateJob.class::isInstance)
        .map(a -> ((CreateJob) a).job().name())
        .forEach(jobName -> world.job(jobName, JobView.Phase.SUCCEEDED));
    world.node(name, World.os("Harvester v1.5.0"));
    decide();
    world.node(name, World.schedulable(false));
    decide();
    assertThat(state(name)).isEqualTo(NodeState.SUCCEEDED);
  }

  private List<UpgradeAction> start() {
    Decision d = decider.start(upgrade, world.snapshot());
    journal = d.journal().orElseThrow();
    return d.actions();
  }

  private List<UpgradeAction> decide() {
    Decision d = decider.decide(upgrade, journal, world.snapshot());
    journal = d.journal().orElseThrow();
    lastActions = d.actions();
    return d.actions();
  }

  private NodeState state(String node) {
    return journal.node(node).orElseThrow().state();
  }

  private static <A extends UpgradeAction> A only(List<UpgradeAction> actions, Class<A> type) {
    List<A> found = actions.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static Wait waitOf(List<UpgradeAction> actions, String node) {
    return actions.stream()
        .filter(Wait.class::isInstance)
        .map(Wait.class::cast)
        .filter(w -> w.node().equals(node))
        .findFirst()
        .orElseThrow();
  }
}
