package io.hvst.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.simulator.api.FaultDice.Plan;
import io.hvst.simulator.api.FaultDice.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A flaky API server, for one client (requests whose User-Agent starts with a prefix): errors (500,
 * 503, 504 and 429 for any verb; 409 for create, update and patch only) and late answers. The dice
 * are seeded by the cluster's seed, so the same sequence of requests meets the same faults. Off
 * until {@link #on()}; configure first, switch on and off at any time.
 *
 * <p>Only get, create, update, patch and delete are touched, never LIST or WATCH: an informer whose
 * first LIST fails does not start (its owner fails to start), and a failed watch only costs a
 * relist. The faults a controller must survive are in its own calls.
 *
 * <p>A late answer is late on the way back: the request takes effect at once, as when a reply is
 * lost in a slow network. In timeout mode the client gives up first, so it does not know that its
 * write happened.
 */
public final class ApiFaults implements ApiBehaviour {

  public static final Set<String> FAULTABLE_VERBS =
      Set.of("get", "create", "update", "patch", "delete");

  private static final Set<String> WRITES = Set.of("create", "update", "patch");

  private final String agentPrefix;
  private final FaultDice dice;
  private volatile boolean on;
  private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder slowed = new LongAdder();
  private final LongAdder timedOut = new LongAdder();

  public ApiFaults(String agentPrefix, long seed) {
    this.agentPrefix = agentPrefix;
    this.dice = new FaultDice(seed);
  }

  /** Answers a share {@code rate} of requests with one of {@code codes}, picked at random. */
  public ApiFaults errors(double rate, int... codes) {
    Integer[] boxed = Arrays.stream(codes).boxed().toArray(Integer[]::new);
    dice.change(
        p ->
            new Plan(
                rate,
                Arrays.asList(boxed),
                p.slowRate(),
                p.slowDelay(),
                p.timeoutRate(),
                p.timeoutDelay()));
    return this;
  }

  /** Answers a share {@code rate} of requests {@code delay} late. */
  public ApiFaults slow(double rate, Duration delay) {
    dice.change(
        p -> new Plan(p.errorRate(), p.codes(), rate, delay, p.timeoutRate(), p.timeoutDelay()));
    return this;
  }

  /** Answers a share {@code rate} of requests half as late again as {@code clientTimeout}. */
  public ApiFaults timeouts(double rate, Duration clientTimeout) {
    Duration delay = clientTimeout.plus(clientTimeout.dividedBy(2));
    dice.change(p -> new Plan(p.errorRate(), p.codes(), p.slowRate(), p.slowDelay(), rate, delay));
    return this;
  }

  public ApiFaults on() {
    on = true;
    return this;
  }

  public ApiFaults off() {
    on = false;
    return this;
  }

  public boolean isOn() {
    return on;
  }

  /** Errors injected so far, by HTTP code. */
  public Map<Integer, Long> injectedErrors() {
    Map<Integer, Long> byCode = new TreeMap<>();
    errors.forEach((code, n) -> byCode.put(code, n.sum()));
    return byCode;
  }

  public long injected(int code) {
    LongAdder n = errors.get(code);
    return n == null ? 0 : n.sum();
  }

  /** Answers sent late on purpose (timeouts not included). */
  public long slowed() {
    return slowed.sum();
  }

  /** Answers sent after the client's timeout. */
  public long timedOut() {
    return timedOut.sum();
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher store) {
    String agent = request.getHeader("User-Agent");
    if (!on || agent == null || !agent.startsWith(agentPrefix)) {
      return null;
    }
    String verb = store.verb(request);
    if (!FAULTABLE_VERBS.contains(verb)) {
      return null;
    }
    Verdict verdict = dice.roll(WRITES.contains(verb));
    return switch (verdict.kind()) {
      case NONE -> null;
      case ERROR -> error(verdict.code(), verb, request);
      case SLOW -> late(store.answerAfter(this, request), verdict.delay(), slowed);
      case TIMEOUT -> late(store.answerAfter(this, request), verdict.delay(), timedOut);
    };
  }

  private MockResponse error(int code, String verb, RecordedRequest request) {
    errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    return FaultAnswers.error(code, verb, request);
  }

  /** The mock server can only hold back a body; an answer without one goes out at once. */
  private static MockResponse late(MockResponse answer, Duration delay, LongAdder counter) {
    if (answer.getBody() != null && answer.getBody().size() > 0) {
      answer.setBodyDelay(delay);
      counter.increment();
    }
    return answer;
  }
}
