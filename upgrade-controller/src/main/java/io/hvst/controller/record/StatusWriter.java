package io.hvst.controller.record;

import io.hvst.controller.kube.NodeUpgradeStatus;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.kube.UpgradeAdapter;
import io.hvst.controller.kube.UpgradeCondition;
import io.hvst.controller.kube.UpgradeStatus;
import io.hvst.controller.observe.WriteExpectations;
import io.hvst.statemachine.status.ConditionView;
import io.hvst.statemachine.status.NodeStatusView;
import io.hvst.statemachine.status.UpgradeStatusView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Mirrors the projected status onto the Upgrade resource, in Harvester's shape. Writes only when
 * something differs; conditions owned by other controllers are kept; a condition's transition time
 * moves only when its status does.
 */
public final class StatusWriter {

  private final UpgradeAdapter upgrades;
  private final WriteExpectations expectations;
  private final Clock clock;

  public StatusWriter(UpgradeAdapter upgrades, WriteExpectations expectations, Clock clock) {
    this.upgrades = upgrades;
    this.expectations = expectations;
    this.clock = clock;
  }

  public void write(Upgrade current, UpgradeStatusView view) {
    UpgradeStatus existing = Optional.ofNullable(current.getStatus()).orElseGet(UpgradeStatus::new);
    Map<String, NodeUpgradeStatus> nodes = nodeStatuses(view);
    List<UpgradeCondition> conditions =
        conditions(existing.getConditions(), view.conditions(), clock.instant());
    String label = labels(current).get(Upgrade.STATE_LABEL);
    boolean same =
        view.upgradeState().equals(label)
            && containsAll(existing.getNodeStatuses(), nodes)
            && conditionsEqual(existing.getConditions(), conditions)
            && samePreviousVersion(existing, view);
    if (same) {
      return;
    }
    UpgradeStatus patch = new UpgradeStatus();
    patch.setNodeStatuses(nodes);
    patch.setConditions(conditions);
    patch.setPreviousVersion(blankToNull(view.previousVersion()));
    String ns = current.getMetadata().getNamespace();
    String name = current.getMetadata().getName();
    String rv =
        upgrades.patchStatus(
            ns, name, current.getMetadata().getResourceVersion(), view.upgradeState(), patch);
    expectations.expect(new WriteExpectations.Key("Upgrade", ns, name), rv, clock.instant());
  }

  /**
   * A view without a previous version (a refused Upgrade's) leaves the recorded one alone: the
   * patch cannot remove it (it omits empty fields), so comparing it would make every pass write.
   */
  static boolean samePreviousVersion(UpgradeStatus existing, UpgradeStatusView view) {
    String ours = blankToNull(view.previousVersion());
    return ours == null || ours.equals(blankToNull(existing.getPreviousVersion()));
  }

  private static Map<String, NodeUpgradeStatus> nodeStatuses(UpgradeStatusView view) {
    Map<String, NodeUpgradeStatus> nodes = new LinkedHashMap<>();
    for (Map.Entry<String, NodeStatusView> e : view.nodeStatuses().entrySet()) {
      NodeStatusView n = e.getValue();
      nodes.put(e.getKey(), new NodeUpgradeStatus(n.state(), n.reason(), n.message()));
    }
    return nodes;
  }

  static List<UpgradeCondition> conditions(
      List<UpgradeCondition> existing, List<ConditionView> ours, Instant now) {
    List<UpgradeCondition> result = new ArrayList<>();
    for (UpgradeCondition c : existing) {
      if (ours.stream().noneMatch(o -> o.type().equals(c.getType()))) {
        result.add(c);
      }
    }
    for (ConditionView view : ours) {
      Optional<UpgradeCondition> before =
          existing.stream().filter(c -> view.type().equals(c.getType())).findFirst();
      UpgradeCondition c =
          new UpgradeCondition(view.type(), view.status(), view.reason(), view.message());
      boolean unchanged = before.map(b -> sameContent(b, c)).orElse(false);
      c.setLastUpdateTime(unchanged ? before.get().getLastUpdateTime() : now.toString());
      boolean sameStatus = before.map(b -> view.status().equals(b.getStatus())).orElse(false);
      c.setLastTransitionTime(sameStatus ? before.get().getLastTransitionTime() : now.toString());
      result.add(c);
    }
    return result;
  }

  private static boolean conditionsEqual(List<UpgradeCondition> a, List<UpgradeCondition> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (UpgradeCondition c : b) {
      if (a.stream()
          .noneMatch(
              x ->
                  sameContent(x, c)
                      && Objects.equals(x.getLastTransitionTime(), c.getLastTransitionTime()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameContent(UpgradeCondition a, UpgradeCondition b) {
    return Objects.equals(a.getType(), b.getType())
        && Objects.equals(a.getStatus(), b.getStatus())
        && Objects.equals(blankToNull(a.getReason()), blankToNull(b.getReason()))
        && Objects.equals(blankToNull(a.getMessage()), blankToNull(b.getMessage()));
  }

  private static boolean containsAll(
      Map<String, NodeUpgradeStatus> existing, Map<String, NodeUpgradeStatus> ours) {
    return ours.entrySet().stream().allMatch(e -> e.getValue().equals(existing.get(e.getKey())));
  }

  private static Map<String, String> labels(Upgrade upgrade) {
    Map<String, String> labels = upgrade.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
