package io.hvst.controller.act;

import io.hvst.controller.kube.NodeAdapter;
import io.hvst.controller.observe.WriteExpectations;
import io.hvst.statemachine.decide.UpgradeAction.Cordon;
import io.hvst.statemachine.decide.UpgradeAction.PatchScheduling;
import io.hvst.statemachine.decide.UpgradeAction.Uncordon;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cordon and uncordon: one patch each, and an expectation that the cache will show it. */
public final class NodeSchedulingHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(NodeSchedulingHandlers.class);

  private NodeSchedulingHandlers() {}

  public static List<ActionHandler<?>> all(
      NodeAdapter nodes, WriteExpectations expectations, Clock clock) {
    return List.of(
        new CordonHandler(nodes, expectations, clock),
        new UncordonHandler(nodes, expectations, clock),
        new Handler<>(
            PatchScheduling.class,
            (ctx, a) -> {
              String rv =
                  nodes.patchScheduling(a.node(), a.setLabels(), a.removeLabels(), a.addTaints());
              expectations.expect(
                  new WriteExpectations.Key("Node", "", a.node()), rv, clock.instant());
              LOG.info(
                  "Restored scheduling state of node {}: labels {}, removed {}, taints {}",
                  a.node(),
                  a.setLabels(),
                  a.removeLabels(),
                  a.addTaints());
            }));
  }

  private record CordonHandler(NodeAdapter nodes, WriteExpectations expectations, Clock clock)
      implements ActionHandler<Cordon> {
    @Override
    public Class<Cordon> type() {
      return Cordon.class;
    }

    @Override
    public void execute(ActionContext context, Cordon action) {
      String rv =
          nodes.setUnschedulable(
              action.node(),
              true,
              action.mark().isEmpty() ? context.upgrade().name() : action.mark());
      expectations.expect(
          new WriteExpectations.Key("Node", "", action.node()), rv, clock.instant());
      LOG.info("Cordoned node {}", action.node());
    }
  }

  private record UncordonHandler(NodeAdapter nodes, WriteExpectations expectations, Clock clock)
      implements ActionHandler<Uncordon> {
    @Override
    public Class<Uncordon> type() {
      return Uncordon.class;
    }

    @Override
    public void execute(ActionContext context, Uncordon action) {
      String rv = nodes.setUnschedulable(action.node(), false, "");
      expectations.expect(
          new WriteExpectations.Key("Node", "", action.node()), rv, clock.instant());
      LOG.info("Uncordoned node {}", action.node());
    }
  }
}
