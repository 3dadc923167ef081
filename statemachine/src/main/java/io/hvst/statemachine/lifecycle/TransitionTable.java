package io.hvst.statemachine.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The legal transitions of a lifecycle, as data. A row is either fixed ({@code from} on {@code
 * event} goes to {@code to}) or targeted: the caller names the target, and the row only says that
 * this target is allowed (used to resume or retry into the step that was interrupted).
 */
public final class TransitionTable<S extends Enum<S>, E extends Enum<E>> {

  /** One legal transition. */
  public record Row<S, E>(S from, E event, S to, boolean targeted) {
    public Row {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(to, "to");
      if (from.equals(to)) {
        throw new IllegalArgumentException("self-transitions are not allowed: " + from);
      }
    }
  }

  private final S initial;
  private final List<Row<S, E>> rows;

  private TransitionTable(S initial, List<Row<S, E>> rows) {
    this.initial = initial;
    this.rows = List.copyOf(rows);
  }

  public static <S extends Enum<S>, E extends Enum<E>> Builder<S, E> startingAt(S initial) {
    return new Builder<>(initial);
  }

  public S initial() {
    return initial;
  }

  public List<Row<S, E>> rows() {
    return rows;
  }

  /** The target of a fixed row, or the requested target when a targeted row allows it. */
  public Optional<S> target(S from, E event, Optional<S> requested) {
    for (Row<S, E> row : rows) {
      if (row.from() != from || row.event() != event) {
        continue;
      }
      if (!row.targeted() || requested.filter(row.to()::equals).isPresent()) {
        return Optional.of(row.to());
      }
    }
    return Optional.empty();
  }

  /** Collects rows in declaration order. */
  public static final class Builder<S extends Enum<S>, E extends Enum<E>> {
    private final S initial;
    private final List<Row<S, E>> rows = new ArrayList<>();

    private Builder(S initial) {
      this.initial = initial;
    }

    public Builder<S, E> on(S from, E event, S to) {
      rows.add(new Row<>(from, event, to, false));
      return this;
    }

    public Builder<S, E> fromEach(Iterable<S> sources, E event, S to) {
      sources.forEach(from -> on(from, event, to));
      return this;
    }

    /** {@code from} on {@code event} may go to any of {@code targets}, as the caller requests. */
    public Builder<S, E> targeted(S from, E event, Iterable<S> targets) {
      targets.forEach(to -> rows.add(new Row<>(from, event, to, true)));
      return this;
    }

    public TransitionTable<S, E> build() {
      return new TransitionTable<>(initial, rows);
    }
  }
}
