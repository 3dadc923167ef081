package io.hvst.controller.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The three views of {@code /api/v1} on the seeded {@link ApiTestWorld}. */
class UpgradesApiTest extends ApiContextTest {

  private static final String ROLLING = "/api/v1/upgrades/harvester-system/rolling";

  @Autowired private MockMvc mvc;

  @Test
  void listsEveryUpgradeByNameWithItsPhaseNodeCountsAndReason() throws Exception {
    mvc.perform(get("/api/v1/upgrades"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$[*].name", contains("broken", "fresh", "refused", "rolling")))
        .andExpect(
            jsonPath(
                "$[*].phase",
                contains("JOURNAL_UNREADABLE", "PENDING", "REFUSED", "UPGRADING_NODES")))
        .andExpect(jsonPath("$[3].version").value("v1.5.0"))
        .andExpect(jsonPath("$[3].harvesterState").value("UpgradingNodes"))
        .andExpect(jsonPath("$[3].nodesByState.SUCCEEDED").value(1))
        .andExpect(jsonPath("$[3].nodesByState.UPGRADE").value(1))
        .andExpect(jsonPath("$[3].nodesByState.QUEUED").value(1))
        .andExpect(jsonPath("$[3].nodesByState.FAILED").value(0))
        .andExpect(jsonPath("$[3].startedAt").isString())
        .andExpect(jsonPath("$[3].finishedAt").value(nullValue()))
        .andExpect(jsonPath("$[2].reason.code").value("DowngradeRefused"))
        .andExpect(jsonPath("$[0].reason.code").value("JournalUnreadable"))
        .andExpect(jsonPath("$[1].reason").value(nullValue()));
  }

  @Test
  void showsARunningUpgradesNodesInOrderWithWhatEachWaitsForAndHowLongStepsTook() throws Exception {
    mvc.perform(get(ROLLING))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("UPGRADING_NODES"))
        .andExpect(jsonPath("$.targetVersion").value("v1.5.0"))
        .andExpect(jsonPath("$.previousVersion").value("v1.4.2"))
        .andExpect(jsonPath("$.nodes[*].node", contains("node-2", "node-3", "node-1")))
        .andExpect(jsonPath("$.nodes[*].state", contains("SUCCEEDED", "UPGRADE", "QUEUED")))
        .andExpect(jsonPath("$.nodes[0].harvesterState").value("Succeeded"))
        .andExpect(jsonPath("$.nodes[0].steps", hasSize(7)))
        .andExpect(jsonPath("$.nodes[0].steps[0].state").value("PRE_DRAIN"))
        .andExpect(jsonPath("$.nodes[0].steps[0].durationMs").value(10_000))
        .andExpect(jsonPath("$.nodes[1].harvesterState").value("Pre-drained"))
        .andExpect(jsonPath("$.nodes[1].reason.code").value("UpgradeJobRunning"))
        .andExpect(jsonPath("$.nodes[1].reason.message", containsString("hvst-rolling-node-3")))
        .andExpect(jsonPath("$.nodes[1].job").value("hvst-rolling-node-3-upgrade-1"))
        .andExpect(jsonPath("$.nodes[1].steps[3].current").value(true))
        .andExpect(jsonPath("$.nodes[1].migrations[0].vm").value("default/vm-b"))
        .andExpect(jsonPath("$.nodes[1].migrations[0].from").value("node-3"))
        .andExpect(jsonPath("$.nodes[1].migrations[0].to").value("node-2"))
        .andExpect(jsonPath("$.nodes[1].migrations[0].durationMs").value(2000))
        .andExpect(jsonPath("$.nodes[2].reason.code").value("WaitingForTurn"))
        .andExpect(jsonPath("$.nodes[2].harvesterState").value(nullValue()))
        .andExpect(jsonPath("$.blocked", hasSize(0)))
        .andExpect(jsonPath("$.conditions[0].reason").value("UpgradeInProgress"))
        .andExpect(jsonPath("$.estimate.meanNodeMs").value(60_000))
        .andExpect(jsonPath("$.estimate.basedOnNodes").value(1))
        .andExpect(jsonPath("$.estimate.remainingNodes").value(2))
        .andExpect(jsonPath("$.estimate.remainingMs").isNumber());
  }

  @Test
  void anUnreadableJournalStillAnswers200WithWhatIsWrongWithIt() throws Exception {
    mvc.perform(get("/api/v1/upgrades/harvester-system/broken"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("JOURNAL_UNREADABLE"))
        .andExpect(jsonPath("$.reason.code").value("JournalUnreadable"))
        .andExpect(jsonPath("$.reason.message", containsString("broken-progress")))
        .andExpect(jsonPath("$.nodes", hasSize(0)))
        .andExpect(jsonPath("$.estimate.remainingMs").value(nullValue()));
  }

  @Test
  void plansAnUpgradeThatHasNotStartedWithTheOrderTheControllerWouldChoose() throws Exception {
    mvc.perform(get("/api/v1/upgrades/harvester-system/fresh/plan"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.started").value(false))
        .andExpect(jsonPath("$.orderSource").value("COMPUTED"))
        // The repo VM runs on node-2: it goes last among the management nodes.
        .andExpect(jsonPath("$.nodes[*].node", contains("node-1", "node-3", "node-2")))
        .andExpect(jsonPath("$.nodes[*].state", contains(nullValue(), nullValue(), nullValue())))
        .andExpect(jsonPath("$.validation.valid").value(true))
        .andExpect(jsonPath("$.validation.currentVersion").value("v1.4.2"))
        .andExpect(jsonPath("$.nodes[0].vms[0].vm").value("default/vm-a"))
        .andExpect(jsonPath("$.nodes[0].placements[0].vm").value("default/vm-a"))
        .andExpect(jsonPath("$.nodes[0].placements[0].target").value(nullValue()))
        .andExpect(jsonPath("$.nodes[2].vms[0].repoVm").value(true))
        .andExpect(jsonPath("$.placementPlanning.available").value(true))
        .andExpect(jsonPath("$.placementPlanning.explanation", containsString("dry run")));
  }

  @Test
  void plansAStartedUpgradeInItsJournalOrder() throws Exception {
    mvc.perform(get(ROLLING + "/plan"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.started").value(true))
        .andExpect(jsonPath("$.orderSource").value("JOURNAL"))
        .andExpect(jsonPath("$.nodes[*].node", contains("node-2", "node-3", "node-1")))
        .andExpect(jsonPath("$.nodes[*].state", contains("SUCCEEDED", "UPGRADE", "QUEUED")))
        .andExpect(jsonPath("$.nodes[0].runningVersion").value("v1.5.0"));
  }

  @Test
  void previewsAnUpgradeToAVersionThatHasNoUpgradeResource() throws Exception {
    mvc.perform(get("/api/v1/plan").param("version", "v1.5.0"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value(nullValue()))
        .andExpect(jsonPath("$.version").value("v1.5.0"))
        .andExpect(jsonPath("$.validation.valid").value(true))
        .andExpect(jsonPath("$.nodes[*].node", contains("node-1", "node-2", "node-3")));
    mvc.perform(get("/api/v1/plan").param("version", "v1.3.0"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.validation.valid").value(false))
        .andExpect(jsonPath("$.validation.refusal.code").value("DowngradeRefused"));
  }
}
