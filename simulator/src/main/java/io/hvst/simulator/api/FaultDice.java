package io.hvst.simulator.api;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Decides which request meets which fault. Seeded, and every roll draws the same three numbers
 * whatever the plan, so the same sequence of requests meets the same faults. Thread-safe.
 */
final class FaultDice {

  /** Codes that fit any verb. */
  static final Set<Integer> ANY_VERB = Set.of(429, 500, 503, 504);

  /** A conflict only answers a write. */
  static final int CONFLICT = 409;

  /** How often each fault strikes; rates are in [0, 1]. */
  record Plan(
      double errorRate,
      List<Integer> codes,
      double slowRate,
      Duration slowDelay,
      double timeoutRate,
      Duration timeoutDelay) {

    static final Plan NONE = new Plan(0, List.of(), 0, Duration.ZERO, 0, Duration.ZERO);

    Plan {
      codes = List.copyOf(codes);
      check(errorRate);
      check(slowRate);
      check(timeoutRate);
      check(slowRate + timeoutRate);
      for (int code : codes) {
        if (code != CONFLICT && !ANY_VERB.contains(code)) {
          throw new IllegalArgumentException("cannot inject HTTP " + code);
        }
      }
    }

    private static void check(double rate) {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("a fault rate must be within [0, 1]: " + rate);
      }
    }
  }

  /** What happens to one request. */
  enum Kind {
    NONE,
    ERROR,
    SLOW,
    TIMEOUT
  }

  /** A roll's result; {@code code} is set for an error, {@code delay} for a late answer. */
  record Verdict(Kind kind, int code, Duration delay) {
    static final Verdict NONE = new Verdict(Kind.NONE, 0, Duration.ZERO);
  }

  private final Random random;
  private Plan plan = Plan.NONE;

  FaultDice(long seed) {
    this.random = new Random(seed);
  }

  synchronized void change(UnaryOperator<Plan> change) {
    plan = change.apply(plan);
  }

  synchronized Plan plan() {
    return plan;
  }

  synchronized Verdict roll(boolean write) {
    double error = random.nextDouble();
    double late = random.nextDouble();
    int pick = random.nextInt(Integer.MAX_VALUE);
    List<Integer> codes =
        plan.codes().stream().filter(c -> write || c != CONFLICT).sorted().toList();
    if (error < plan.errorRate() && !codes.isEmpty()) {
      return new Verdict(Kind.ERROR, codes.get(pick % codes.size()), Duration.ZERO);
    }
    if (late < plan.timeoutRate()) {
      return new Verdict(Kind.TIMEOUT, 0, plan.timeoutDelay());
    }
    if (late < plan.timeoutRate() + plan.slowRate()) {
      return new Verdict(Kind.SLOW, 0, plan.slowDelay());
    }
    return Verdict.NONE;
  }
}
