package io.hvst.controller.act;

import io.hvst.controller.kube.PodAdapter;
import io.hvst.controller.observe.EvictionBlocks;
import io.hvst.statemachine.cluster.EvictionBlock;
import io.hvst.statemachine.decide.UpgradeAction.DeletePod;
import io.hvst.statemachine.decide.UpgradeAction.EvictPod;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evictions and deletions. A refused eviction (429) becomes an {@link EvictionBlock} the next
 * snapshot carries, so the decider backs off that pod instead of asking again at once.
 */
public final class PodHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(PodHandlers.class);

  private PodHandlers() {}

  public static List<ActionHandler<?>> all(
      PodAdapter pods, EvictionBlocks blocks, Duration backoff, Clock clock) {
    return List.of(
        new Handler<>(
            EvictPod.class,
            (ctx, a) -> {
              String key = a.namespace() + "/" + a.pod();
              PodAdapter.EvictionAnswer answer = pods.evict(a.namespace(), a.pod());
              if (answer.evicted() || answer.gone()) {
                blocks.cleared(key);
                LOG.info("Evicted pod {} from node {}", key, a.node());
              } else {
                blocks.refused(
                    new EvictionBlock(key, clock.instant().plus(backoff), answer.refusal()));
                LOG.info(
                    "Eviction of pod {} refused, retrying in {}: {}",
                    key,
                    backoff,
                    answer.refusal());
              }
            }),
        new Handler<>(
            DeletePod.class,
            (ctx, a) -> {
              pods.delete(a.namespace(), a.pod(), a.force());
              LOG.warn(
                  "Deleted pod {}/{} from node {}{}",
                  a.namespace(),
                  a.pod(),
                  a.node(),
                  a.force() ? " (forced after the drain timeout)" : "");
            }));
  }
}
