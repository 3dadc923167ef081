package io.hvst.controller.api.assemble;

import io.hvst.controller.api.dto.MigrationDto;
import io.hvst.controller.api.dto.NodeProgress;
import io.hvst.controller.api.dto.ReasonDto;
import io.hvst.controller.api.dto.StepTiming;
import io.hvst.controller.api.dto.StoppedVmDto;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import io.hvst.statemachine.journal.MigrationRecord;
import io.hvst.statemachine.journal.NodeRecord;
import io.hvst.statemachine.journal.StoppedVm;
import io.hvst.statemachine.lifecycle.NodeState;
import io.hvst.statemachine.status.HarvesterStates;
import io.hvst.statemachine.status.StepDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps one node's journal entry (and what it waits for now) to its API view. */
public final class NodeProgressAssembler {

  private NodeProgressAssembler() {}

  /**
   * The node's view.
   *
   * @param upgrade the Upgrade's name, from which object names derive
   * @param position 1-based place in the upgrade order
   * @param wait what the node waits for now, if anything
   */
  public static NodeProgress node(
      String upgrade, int position, NodeRecord rec, Optional<Wait> wait, Instant now) {
    Optional<Reason> waitingFor = wait.map(Wait::reason);
    return new NodeProgress(
        rec.name(),
        position,
        rec.state(),
        HarvesterStates.of(rec.state(), waitingFor).orElse(null),
        reason(rec, wait).orElse(null),
        rec.attempt(),
        rec.job(),
        steps(rec, now),
        rec.migrations().stream().map(m -> migration(upgrade, rec.name(), m)).toList(),
        rec.stoppedVms().stream().map(NodeProgressAssembler::stopped).toList());
  }

  /** Why a finished node failed, else what it waits for. */
  static Optional<ReasonDto> reason(NodeRecord rec, Optional<Wait> wait) {
    if (rec.failure() != null && rec.state() == NodeState.FAILED) {
      return Optional.of(ReasonDto.of(rec.failure().reason(), rec.failure().message()));
    }
    return wait.map(w -> ReasonDto.of(w.reason(), w.detail()));
  }

  static List<StepTiming> steps(NodeRecord rec, Instant now) {
    Map<NodeState, Duration> durations = StepDurations.of(rec, now);
    return rec.entered().entrySet().stream()
        .sorted(
            Map.Entry.<NodeState, Instant>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(
            e ->
                new StepTiming(
                    e.getKey(),
                    e.getValue(),
                    Optional.ofNullable(durations.get(e.getKey()))
                        .map(Duration::toMillis)
                        .orElse(null),
                    e.getKey() == rec.state()))
        .toList();
  }

  /**
   * A migration off {@code node}. A succeeded one is kept compact in the journal, without its
   * object name and source; both derive from the upgrade, the node and the attempt.
   */
  static MigrationDto migration(String upgrade, String node, MigrationRecord m) {
    String vmi = m.vm().substring(m.vm().indexOf('/') + 1);
    String name =
        m.migration().isEmpty()
            ? ResourceNames.migration(upgrade, vmi, node, m.attempt())
            : m.migration();
    Long duration =
        m.finished() && m.startedAt() != null && m.finishedAt() != null
            ? Duration.between(m.startedAt(), m.finishedAt()).toMillis()
            : null;
    return new MigrationDto(
        m.vm(),
        name,
        m.source().isBlank() ? node : m.source(),
        blankToNull(m.target()),
        m.attempt(),
        m.finished() ? m.result() : "Running",
        m.startedAt(),
        m.finishedAt(),
        duration,
        blankToNull(m.message()));
  }

  static StoppedVmDto stopped(StoppedVm vm) {
    return new StoppedVmDto(vm.vm(), vm.node(), vm.state().name(), vm.runStrategy(), vm.at());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
