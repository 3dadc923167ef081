package io.hvst.controller.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.hvst.controller.kube.EventAdapter;
import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.Refusal;
import io.hvst.statemachine.decide.UpgradeAction.Wait;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EventRecorderTest {

  private static final String NS = "harvester-system";
  private static final UpgradeRequest UPGRADE =
      new UpgradeRequest(NS, "hvst-upgrade", "uid-1", "v1.5.0", "", Instant.EPOCH, Map.of());

  private KubernetesMockServer server;
  private KubernetesClient client;
  private EventRecorder recorder;

  @BeforeEach
  void start() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url("/"))
            .withHttp2Disable(true)
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
    recorder = new EventRecorder(new EventAdapter(client, Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void aRefusalIsLoggedAndRecordedOnceNotOnEveryPass(CapturedOutput output) {
    String message =
        "Journal harvester-system/hvst-upgrade-progress: schemaVersion 99 is not supported";
    Refusal unreadable = new Refusal(Reason.JOURNAL_UNREADABLE, message);

    for (int pass = 0; pass < 3; pass++) {
      recorder.refusal(UPGRADE, Optional.of(unreadable));
    }
    assertThat(occurrences(output.getAll(), message)).isEqualTo(1);
    assertThat(output.getAll()).contains("JournalUnreadable");
    List<Event> events = client.v1().events().inNamespace(NS).list().getItems();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getReason()).isEqualTo("JournalUnreadable");
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.getInvolvedObject().getName()).isEqualTo("hvst-upgrade");
            });
  }

  @Test
  void aRefusalThatEndsAndComesBackIsToldAgain(CapturedOutput output) {
    Refusal unreadable = new Refusal(Reason.JOURNAL_UNREADABLE, "key \"upgrade\" is missing");
    recorder.refusal(UPGRADE, Optional.of(unreadable));
    recorder.refusal(UPGRADE, Optional.empty());
    recorder.refusal(UPGRADE, Optional.of(unreadable));
    Refusal other = new Refusal(Reason.ANOTHER_UPGRADE_RUNNING, null);
    recorder.refusal(UPGRADE, Optional.of(other));

    assertThat(occurrences(output.getAll(), "key \"upgrade\" is missing")).isEqualTo(2);
    assertThat(occurrences(output.getAll(), Reason.ANOTHER_UPGRADE_RUNNING.text())).isEqualTo(1);
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).hasSize(3);
  }

  @Test
  void aBlockOfTheWholeUpgradeIsLoggedAsTheUpgradesWithItsReason(CapturedOutput output) {
    String detail = "Harvester's upgrade-repo VM does not exist.";
    recorder.blocks(UPGRADE, List.of(new Wait("", Reason.REPO_VM_MISSING, detail)));
    recorder.blocks(UPGRADE, List.of(new Wait("", Reason.REPO_VM_MISSING, detail)));

    assertThat(output.getAll())
        .contains("Upgrade harvester-system/hvst-upgrade is blocked (RepoVmMissing): " + detail)
        .doesNotContain("Node  is blocked");
    assertThat(occurrences(output.getAll(), detail)).isEqualTo(1);
  }

  @Test
  void eachIgnoredInputIsToldOnceEvenBetweenOtherWaitsOfTheWholeUpgrade(CapturedOutput output) {
    List<Wait> pass =
        List.of(
            new Wait("", Reason.SCHEDULING_POLICY_INVALID, "hvst-scheduling-policy: rule #1 bad"),
            new Wait("", Reason.SCHEDULING_POLICY_INVALID, "hvst-scheduling-policy: rule #2 bad"),
            new Wait("", Reason.SETTLING, "Watching restored nodes for drift."));
    recorder.blocks(UPGRADE, pass);
    recorder.blocks(UPGRADE, pass);
    recorder.blocks(UPGRADE, pass);

    assertThat(occurrences(output.getAll(), "ignores an input it cannot read")).isEqualTo(2);
    assertThat(occurrences(output.getAll(), "rule #1 bad")).isEqualTo(1);
    assertThat(occurrences(output.getAll(), "rule #2 bad")).isEqualTo(1);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("SchedulingPolicyInvalid");
            });
  }

  @Test
  void aBlockThatClearsAndComesBackIsToldAgainButNotWhenOnlyItsDetailChanges(
      CapturedOutput output) {
    recorder.blocks(UPGRADE, List.of(new Wait("node-1", Reason.EVICTION_BLOCKED_BY_PDB, "pod a")));
    recorder.blocks(UPGRADE, List.of(new Wait("node-1", Reason.EVICTION_BLOCKED_BY_PDB, "pod b")));
    recorder.blocks(UPGRADE, List.of(new Wait("node-1", Reason.MIGRATION_IN_PROGRESS, "moving")));
    recorder.blocks(UPGRADE, List.of(new Wait("node-1", Reason.EVICTION_BLOCKED_BY_PDB, "pod c")));

    assertThat(occurrences(output.getAll(), "Node node-1 is blocked (EvictionBlockedByPdb)"))
        .isEqualTo(2);
    assertThat(output.getAll()).contains("pod a").doesNotContain("pod b").contains("pod c");
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
