package io.hvst.statemachine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  @ParameterizedTest
  @ValueSource(strings = {"v1.5.0", "1.5.0", "v1.6.0-rc2", " v1.4.1 ", "v10.20.30-dev.1"})
  void parsesReleaseVersions(String text) {
    assertThat(Version.parse(text)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "latest", "v1.5", "v1.5.0.1", "v1.x.0", "master-head", "v1.5.0-"})
  void refusesWhatIsNotAVersion(String text) {
    assertThat(Version.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({
    "v1.4.0,     v1.5.0",
    "v1.5.0-rc1, v1.5.0",
    "v1.5.0-rc1, v1.5.0-rc2",
    "v1.9.9,     v1.10.0",
    "v0.9.0,     v1.0.0",
  })
  void ordersVersions(String lower, String higher) {
    assertThat(Version.parse(lower).orElseThrow()).isLessThan(Version.parse(higher).orElseThrow());
  }
}
