package io.hvst.controller.act;

import io.hvst.controller.kube.QuotaAdapter;
import io.hvst.controller.observe.WriteExpectations;
import io.hvst.statemachine.decide.UpgradeAction.SetQuota;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Raises and restores ResourceQuotas, only if they still hold what the journal expects. */
public final class QuotaHandler implements ActionHandler<SetQuota> {

  private static final Logger LOG = LoggerFactory.getLogger(QuotaHandler.class);

  private final QuotaAdapter quotas;
  private final WriteExpectations expectations;
  private final Clock clock;

  public QuotaHandler(QuotaAdapter quotas, WriteExpectations expectations, Clock clock) {
    this.quotas = quotas;
    this.expectations = expectations;
    this.clock = clock;
  }

  @Override
  public Class<SetQuota> type() {
    return SetQuota.class;
  }

  @Override
  public void execute(ActionContext context, SetQuota action) {
    QuotaAdapter.Outcome outcome =
        quotas.set(action.namespace(), action.quota(), action.hard(), action.expected());
    switch (outcome.kind()) {
      case WRITTEN -> {
        expectations.expect(
            new WriteExpectations.Key("ResourceQuota", action.namespace(), action.quota()),
            outcome.resourceVersion(),
            clock.instant());
        LOG.info(
            "Set ResourceQuota {}/{} hard {} (was {})",
            action.namespace(),
            action.quota(),
            action.hard(),
            action.expected());
      }
      case ALREADY_SO ->
          LOG.debug(
              "ResourceQuota {}/{} already holds {}",
              action.namespace(),
              action.quota(),
              action.hard());
      case CHANGED_BY_SOMEONE ->
          LOG.warn(
              "ResourceQuota {}/{} changed under us (expected {}); deciding again",
              action.namespace(),
              action.quota(),
              action.expected());
    }
  }
}
