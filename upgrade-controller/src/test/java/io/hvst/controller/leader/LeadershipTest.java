package io.hvst.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.hvst.controller.config.ControllerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The write fence: this replica acts only on a Lease that names it and is fresh by its clock. */
class LeadershipTest {

  private static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");
  private static final String ME = "replica-a";

  private final Leadership leadership =
      new Leadership(
          null, leaderElection(), "harvester-system", ME, Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest(name = "holder {0}, renewed {1} s ago, lease {2} s -> {3}")
  @CsvSource({
    "replica-a,  0, 15, true",
    "replica-a, 14, 15, true",
    "replica-a, 15, 15, false",
    "replica-a, 60, 15, false",
    "replica-b,  0, 15, false",
    "'',         0, 15, false",
  })
  void actsOnlyOnAFreshLeaseThatNamesIt(String holder, int ageSeconds, int seconds, boolean valid) {
    Lease lease = lease(holder, NOW.minusSeconds(ageSeconds), seconds);

    assertThat(leadership.leaseValid(lease, NOW)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"no lease", "no renew time", "no duration"})
  void aLeaseMissingWhatTheFenceNeedsDoesNotCount(String missing) {
    Lease lease =
        switch (missing) {
          case "no lease" -> null;
          case "no renew time" -> lease(ME, null, 15);
          default -> lease(ME, NOW, null);
        };

    assertThat(leadership.leaseValid(lease, NOW)).isFalse();
  }

  private static Lease lease(String holder, Instant renewed, Integer seconds) {
    return new LeaseBuilder()
        .withNewMetadata()
        .withName("hvst-upgrade-controller")
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity(holder)
        .withRenewTime(renewed == null ? null : ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC))
        .withLeaseDurationSeconds(seconds)
        .endSpec()
        .build();
  }

  private static ControllerProperties.LeaderElection leaderElection() {
    return new ControllerProperties.LeaderElection(
        true,
        "hvst-upgrade-controller",
        ME,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }
}
