package io.hvst.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.controller.observe.Translate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaAdapterTest {

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "requests.cpu,    2500,        2500m",
    "limits.cpu,      3000,        3",
    "requests.memory, 2415919104,  2415919104",
    "pods,            11,          11",
  })
  void writesBaseUnitsBackAsQuantitiesThatReadTheSame(String resource, long amount, String text) {
    assertThat(QuotaAdapter.quantity(resource, amount).toString()).isEqualTo(text);
    assertThat(Translate.amount(resource, QuotaAdapter.quantity(resource, amount)))
        .isEqualTo(amount);
  }
}
