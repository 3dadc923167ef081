package io.hvst.simulator.attach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreatedStatusesTest {

  private final CreatedStatuses created = new CreatedStatuses();

  @Test
  void remembersTheStatusAPodWasCreatedWithOnce() {
    created.recordCreate(
        "/api/v1/namespaces/default/pods",
        "{\"metadata\":{\"name\":\"virt-launcher-vm-1-abcde\"},"
            + "\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");

    assertThat(created.take("default", "virt-launcher-vm-1-abcde"))
        .hasValueSatisfying(s -> assertThat(s.path("phase").asText()).isEqualTo("Running"));
    assertThat(created.take("default", "virt-launcher-vm-1-abcde")).isEmpty();
  }

  @Test
  void ignoresPendingPodsAndOtherKinds() {
    created.recordCreate(
        "/api/v1/namespaces/default/pods",
        "{\"metadata\":{\"name\":\"p\"},\"status\":{\"phase\":\"Pending\"}}");
    created.recordCreate(
        "/apis/batch/v1/namespaces/default/jobs",
        "{\"metadata\":{\"name\":\"j\"},\"status\":{\"phase\":\"Running\"}}");

    assertThat(created.take("default", "p")).isEmpty();
    assertThat(created.take("default", "j")).isEmpty();
  }
}
