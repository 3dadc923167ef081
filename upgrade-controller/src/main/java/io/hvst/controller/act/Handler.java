package io.hvst.controller.act;

import io.hvst.statemachine.decide.UpgradeAction;
import java.util.function.BiConsumer;

/** An {@link ActionHandler} from a type and a function. */
record Handler<A extends UpgradeAction>(Class<A> type, BiConsumer<ActionContext, A> body)
    implements ActionHandler<A> {

  @Override
  public void execute(ActionContext context, A action) {
    body.accept(context, action);
  }
}
