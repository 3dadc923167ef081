package io.hvst.controller.act;

import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.UpgradeAction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Act: runs each action through the handler for its kind, in order. A failing action stops the
 * batch (the next reconcile decides again from what actually happened).
 */
public final class ActionExecutor {

  private final Map<Class<?>, ActionHandler<?>> handlers = new HashMap<>();

  public ActionExecutor(List<ActionHandler<?>> all) {
    all.forEach(h -> handlers.put(h.type(), h));
  }

  public void execute(UpgradeRequest upgrade, List<UpgradeAction> actions) {
    ActionContext context = new ActionContext(upgrade);
    for (UpgradeAction action : actions) {
      if (action instanceof UpgradeAction.Wait) {
        continue;
      }
      MDC.put("node", action.node());
      try {
        run(context, action);
      } finally {
        MDC.remove("node");
      }
    }
  }

  private <A extends UpgradeAction> void run(ActionContext context, A action) {
    @SuppressWarnings("unchecked")
    ActionHandler<A> handler = (ActionHandler<A>) handlers.get(action.getClass());
    if (handler == null) {
      throw new IllegalStateException("no handler for " + action.getClass().getSimpleName());
    }
    handler.execute(context, action);
  }
}
