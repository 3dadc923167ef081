package io.hvst.controller.act;

import io.hvst.controller.kube.UpgradeAdapter;
import io.hvst.statemachine.decide.UpgradeAction.ClearAnnotation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes to the Upgrade itself beyond its status: consuming control annotations. */
public final class UpgradeHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(UpgradeHandlers.class);

  private UpgradeHandlers() {}

  public static List<ActionHandler<?>> all(UpgradeAdapter upgrades) {
    return List.of(
        new Handler<>(
            ClearAnnotation.class,
            (ctx, a) -> {
              upgrades.removeAnnotation(ctx.upgrade().namespace(), ctx.upgrade().name(), a.key());
              LOG.info("Acted on {}; removed it from the Upgrade", a.key());
            }));
  }
}
