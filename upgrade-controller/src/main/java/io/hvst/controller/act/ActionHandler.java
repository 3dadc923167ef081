package io.hvst.controller.act;

import io.hvst.statemachine.decide.UpgradeAction;

/** Executes one kind of action: one idempotent Kubernetes call through one adapter. */
public interface ActionHandler<A extends UpgradeAction> {

  Class<A> type();

  void execute(ActionContext context, A action);
}
