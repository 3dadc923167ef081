package io.hvst.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {

  private static final Duration DEBOUNCE = Duration.ofMillis(5);
  private static final Reconciler.Outcome DONE = new Reconciler.Outcome(false, Optional.empty());

  private final AtomicInteger passes = new AtomicInteger();
  private final List<Error> fatal = new CopyOnWriteArrayList<>();
  private ReconcileLoop loop;

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void anErrorInAPassStopsTheLoopForGoodAndIsReportedOnce() {
    Error broken = new NoClassDefFoundError("io/hvst/Gone");
    start(
        () -> {
          passes.incrementAndGet();
          throw broken;
        });

    // The listener is told last, after the loop has stopped.
    await().atMost(Duration.ofSeconds(5)).until(() -> !fatal.isEmpty());
    assertThat(fatal).containsExactly(broken);
    assertThat(loop.crashed()).isTrue();
    assertThat(loop.isActive()).isFalse();

    loop.trigger();
    loop.activate();
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(1))
        .untilAtomic(passes, Matchers.is(1));
    assertThat(fatal).hasSize(1);
  }

  @Test
  void aRuntimeExceptionIsRetriedWithBackoffAndTheLoopStaysAlive() {
    start(
        () -> {
          if (passes.incrementAndGet() < 3) {
            throw new IllegalStateException("transient");
          }
          return DONE;
        });

    await().atMost(Duration.ofSeconds(5)).untilAtomic(passes, Matchers.is(3));
    assertThat(loop.crashed()).isFalse();
    assertThat(loop.isActive()).isTrue();
    assertThat(fatal).isEmpty();
  }

  private void start(ReconcileLoop.Pass pass) {
    loop =
        new ReconcileLoop(
            pass,
            Clock.systemUTC(),
            DEBOUNCE,
            Duration.ofMinutes(5),
            IntervalFunction.of(Duration.ofMillis(10)));
    loop.onFatal(fatal::add);
    loop.activate();
  }
}
