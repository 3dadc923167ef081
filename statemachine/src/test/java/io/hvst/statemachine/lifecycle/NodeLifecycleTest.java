package io.hvst.statemachine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.statemachine.test.StateMachineTestPlanBuilder;

class NodeLifecycleTest {

  private final NodeLifecycle lifecycle = new NodeLifecycle();

  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @CsvSource({
    "QUEUED,             START,               PRE_DRAIN",
    "PRE_DRAIN,          PRE_DRAINED,         REPO_VM_MIGRATION",
    "REPO_VM_MIGRATION,  REPO_VM_SETTLED,     DRAIN",
    "DRAIN,              DRAINED,             UPGRADE",
    "UPGRADE,            NODE_UPGRADED,       POST_DRAIN",
    "POST_DRAIN,         POST_DRAINED,        RESTORE_SCHEDULING",
    "RESTORE_SCHEDULING, SCHEDULING_RESTORED, SUCCEEDED",
    "DRAIN,              FAIL,                FAILED",
    "UPGRADE,            FAIL,                FAILED",
    "PAUSED,             FAIL,                FAILED",
    "QUEUED,             PAUSE,               PAUSED",
    "DRAIN,              PAUSE,               PAUSED",
  })
  void allowsTheStepsInOrder(NodeState from, NodeEvent event, NodeState to) {
    assertThat(lifecycle.fire(from, event)).contains(to);
  }

  @ParameterizedTest(name = "{0} --{1}--> denied")
  @CsvSource({
    "QUEUED,     PRE_DRAINED",
    "QUEUED,     FAIL",
    "PRE_DRAIN,  DRAINED",
    "UPGRADE,    PRE_DRAINED",
    "SUCCEEDED,  START",
    "SUCCEEDED,  FAIL",
    "FAILED,     START",
    "FAILED,     RESUME",
    "PAUSED,     START",
  })
  void deniesEverythingElse(NodeState from, NodeEvent event) {
    assertThat(lifecycle.fire(from, event)).isEmpty();
  }

  @ParameterizedTest(name = "PAUSED resumes into {0}")
  @CsvSource({"QUEUED", "PRE_DRAIN", "DRAIN", "UPGRADE", "RESTORE_SCHEDULING"})
  void resumesIntoTheStepItWasAboutToEnter(NodeState target) {
    assertThat(lifecycle.fire(NodeState.PAUSED, NodeEvent.RESUME, target)).contains(target);
  }

  @Test
  void retriesAFailedNodeIntoAStepButNotIntoATerminalState() {
    assertThat(lifecycle.fire(NodeState.FAILED, NodeEvent.RETRY, NodeState.UPGRADE))
        .contains(NodeState.UPGRADE);
    assertThat(lifecycle.fire(NodeState.FAILED, NodeEvent.RETRY, NodeState.SUCCEEDED)).isEmpty();
    assertThat(lifecycle.fire(NodeState.FAILED, NodeEvent.RETRY)).isEqualTo(Optional.empty());
  }

  @Test
  void walksAWholeNodeThroughTheSpringStateMachine() throws Exception {
    StateMachineTestPlanBuilder.<NodeState, NodeEvent>builder()
        .stateMachine(NodeLifecycle.newMachine())
        .step()
        .expectState(NodeState.QUEUED)
        .and()
        .step()
        .sendEvent(NodeEvent.START)
        .expectStateChanged(1)
        .expectState(NodeState.PRE_DRAIN)
        .and()
        .step()
        .sendEvent(NodeEvent.PRE_DRAINED)
        .sendEvent(NodeEvent.REPO_VM_SETTLED)
        .sendEvent(NodeEvent.DRAINED)
        .sendEvent(NodeEvent.NODE_UPGRADED)
        .sendEvent(NodeEvent.POST_DRAINED)
        .sendEvent(NodeEvent.SCHEDULING_RESTORED)
        .expectState(NodeState.SUCCEEDED)
        .and()
        .build()
        .test();
  }
}
