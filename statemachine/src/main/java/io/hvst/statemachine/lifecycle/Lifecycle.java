package io.hvst.statemachine.lifecycle;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.StateMachineEventResult.ResultType;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.guard.Guard;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * A spring-statemachine built from a {@link TransitionTable}, used as the single authority on which
 * transitions are legal. The machine holds no progress: the journal does. Each call resets the
 * machine to the journal's state, sends one event and reports where it landed, or empty when the
 * machine denied the event.
 */
public final class Lifecycle<S extends Enum<S>, E extends Enum<E>> {

  static final String TARGET_HEADER = "hvst.target";

  private final StateMachine<S, E> machine;
  private final TransitionTable<S, E> table;

  public Lifecycle(Class<S> stateType, TransitionTable<S, E> table) {
    this.table = table;
    this.machine = build(stateType, table);
  }

  public TransitionTable<S, E> table() {
    return table;
  }

  /** Fires {@code event} in state {@code from}; empty when the transition is not legal. */
  public Optional<S> fire(S from, E event) {
    return fire(from, event, Optional.empty());
  }

  /** Fires {@code event}, asking targeted rows to land in {@code target}. */
  public synchronized Optional<S> fire(S from, E event, Optional<S> target) {
    machine.stopReactively().block();
    machine
        .getStateMachineAccessor()
        .doWithAllRegions(
            access ->
                access
                    .resetStateMachineReactively(
                        new DefaultStateMachineContext<>(from, null, null, null))
                    .block());
    machine.startReactively().block();
    MessageBuilder<E> message = MessageBuilder.withPayload(event);
    target.ifPresent(t -> message.setHeader(TARGET_HEADER, t));
    ResultType result = send(message.build());
    S landed = machine.getState().getId();
    // A guard that says no still counts as ACCEPTED; tables have no self-transitions, so
    // staying put means the event was denied.
    if (result != ResultType.ACCEPTED || landed == from) {
      return Optional.empty();
    }
    return Optional.of(landed);
  }

  private ResultType send(Message<E> message) {
    StateMachineEventResult<S, E> result = machine.sendEvent(Mono.just(message)).blockLast();
    return result == null ? ResultType.DENIED : result.getResultType();
  }

  /** A fresh, unstarted machine for this table, for tests that drive it directly. */
  public static <S extends Enum<S>, E extends Enum<E>> StateMachine<S, E> build(
      Class<S> stateType, TransitionTable<S, E> table) {
    try {
      StateMachineBuilder.Builder<S, E> builder = StateMachineBuilder.builder();
      builder.configureConfiguration().withConfiguration().autoStartup(false);
      Set<S> states = EnumSet.allOf(stateType);
      builder.configureStates().withStates().initial(table.initial()).states(states);
      var transitions = builder.configureTransitions();
      for (TransitionTable.Row<S, E> row : table.rows()) {
        var external =
            transitions.withExternal().source(row.from()).target(row.to()).event(row.event());
        if (row.targeted()) {
          external.guard(targetIs(row.to()));
        }
        external.and();
      }
      return builder.build();
    } catch (Exception e) {
      throw new IllegalStateException("invalid transition table for " + stateType, e);
    }
  }

  private static <S, E> Guard<S, E> targetIs(S target) {
    return context -> target.equals(context.getMessageHeader(TARGET_HEADER));
  }
}
