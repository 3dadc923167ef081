package io.hvst.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteExpectationsTest {

  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  private static final WriteExpectations.Key NODE = new WriteExpectations.Key("Node", "", "n-1");
  private final WriteExpectations expectations = new WriteExpectations();

  @Test
  void holdsDecisionsUntilTheCacheShowsOurWrite() {
    expectations.expect(NODE, "42", T);
    assertThat(expectations.pending(k -> Optional.of("41"), T, Duration.ofSeconds(5))).isTrue();
    assertThat(expectations.pending(k -> Optional.of("42"), T, Duration.ofSeconds(5))).isFalse();
    assertThat(expectations.pending(k -> Optional.of("41"), T, Duration.ofSeconds(5)))
        .as("satisfied once, forgotten")
        .isFalse();
  }

  @Test
  void acceptsANewerVersionAndGivesUpAfterTheGracePeriod() {
    expectations.expect(NODE, "42", T);
    assertThat(expectations.pending(k -> Optional.of("50"), T, Duration.ofSeconds(5))).isFalse();
    expectations.expect(NODE, "60", T);
    assertThat(expectations.pending(k -> Optional.empty(), T.plusSeconds(6), Duration.ofSeconds(5)))
        .isFalse();
  }
}
