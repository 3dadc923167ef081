package io.hvst.controller.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Errors are RFC 9457 problem details: a type URI, a title, and a detail naming the input. */
class ApiProblemsTest extends ApiContextTest {

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  @Autowired private MockMvc mvc;

  @Test
  void anUnknownUpgradeIs404NamingIt() throws Exception {
    for (String path : new String[] {"", "/plan"}) {
      mvc.perform(get("/api/v1/upgrades/harvester-system/no-such-upgrade" + path))
          .andExpect(status().isNotFound())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM))
          .andExpect(jsonPath("$.type").value(Problems.UPGRADE_NOT_FOUND.toString()))
          .andExpect(jsonPath("$.title").value("Upgrade not found"))
          .andExpect(jsonPath("$.status").value(404))
          .andExpect(
              jsonPath("$.detail").value("There is no Upgrade harvester-system/no-such-upgrade."))
          .andExpect(jsonPath("$.name").value("no-such-upgrade"))
          .andExpect(
              jsonPath("$.instance")
                  .value("/api/v1/upgrades/harvester-system/no-such-upgrade" + path));
    }
  }

  @Test
  void aNamespaceThatIsNotADns1123LabelIs400() throws Exception {
    mvc.perform(get("/api/v1/upgrades/Harvester_System/rolling"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(Problems.INVALID_NAME.toString()))
        .andExpect(jsonPath("$.parameter").value("namespace"))
        .andExpect(jsonPath("$.detail", containsString("\"Harvester_System\"")));
  }

  @Test
  void aNameThatIsNotADns1123SubdomainIs400() throws Exception {
    String tooLong = "a".repeat(254);
    for (String name : new String[] {"-rolling", "Rolling", "roll..ing", tooLong}) {
      mvc.perform(get("/api/v1/upgrades/harvester-system/{name}/plan", name))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM))
          .andExpect(jsonPath("$.parameter").value("name"));
    }
  }

  @Test
  void aDottedNameIsValid() throws Exception {
    mvc.perform(get("/api/v1/upgrades/harvester-system/hvst.upgrade-1"))
        .andExpect(status().isNotFound());
  }

  @Test
  void anUnknownPathIsAProblemToo() throws Exception {
    mvc.perform(get("/api/v1/upgrades/harvester-system/rolling/history"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.status").value(404));
  }

  @Test
  void aPreviewWithoutVersionIs400() throws Exception {
    mvc.perform(get("/api/v1/plan"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.detail", containsString("version")));
  }
}
