package io.hvst.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvst.simulator.sandbox.UsageException;
import org.junit.jupiter.api.Test;

/** {@code --sizes} takes NODESxVMS_PER_NODE items separated by commas. */
class BenchSizeTest {

  @Test
  void parsesAList() {
    assertThat(BenchSize.parseList("3x10, 10x30"))
        .containsExactly(new BenchSize(3, 10), new BenchSize(10, 30));
    assertThat(BenchSize.parseList(BenchSize.DEFAULT_SIZES)).isNotEmpty();
  }

  @Test
  void refusesWhatIsNotASize() {
    assertThatThrownBy(() -> BenchSize.parseList("3x10,,10x30")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> BenchSize.parse("3*10")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> BenchSize.parse("0x10")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> BenchSize.parse("3x201")).isInstanceOf(UsageException.class);
  }
}
