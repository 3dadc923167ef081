package io.hvst.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FencedPassTest {

  private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
  private static final Reconciler.Outcome AGAIN = new Reconciler.Outcome(true, Optional.empty());

  private final AtomicBoolean holds = new AtomicBoolean();
  private final AtomicInteger passes = new AtomicInteger();
  private final FencedPass fenced =
      new FencedPass(
          holds::get,
          Clock.fixed(NOW, ZoneOffset.UTC),
          () -> {
            passes.incrementAndGet();
            return AGAIN;
          });

  @Test
  void whileTheFenceIsShutItSkipsThePassAndLooksAgainShortlyRatherThanAtOnce() {
    Reconciler.Outcome outcome = fenced.run();

    assertThat(passes).hasValue(0);
    assertThat(outcome.again()).isFalse();
    assertThat(outcome.wakeAt()).contains(NOW.plus(FencedPass.RETRY));
  }

  @Test
  void onceTheFenceHoldsItRunsThePassAndReturnsItsOutcome() {
    fenced.run();
    holds.set(true);

    assertThat(fenced.run()).isSameAs(AGAIN);
    assertThat(passes).hasValue(1);
  }
}
