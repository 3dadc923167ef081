package io.hvst.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /v3/api-docs} documents every path, its response schema and its problem responses. */
class OpenApiDocumentTest extends ApiContextTest {

  private static final String LIST = "/api/v1/upgrades";
  private static final String DETAIL = "/api/v1/upgrades/{namespace}/{name}";
  private static final String PLAN = "/api/v1/upgrades/{namespace}/{name}/plan";
  private static final String PREVIEW = "/api/v1/plan";

  @Autowired private MockMvc mvc;
  @Autowired private ObjectMapper mapper;

  private JsonNode doc;

  @BeforeEach
  void fetch() throws Exception {
    String body =
        mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    doc = mapper.readTree(body);
  }

  @Test
  void documentsTheApiPathsAndNothingElse() {
    assertThat(names(doc.path("paths"))).containsExactlyInAnyOrder(LIST, DETAIL, PLAN, PREVIEW);
    assertThat(doc.path("info").path("title").asText()).contains("upgrade controller");
  }

  @Test
  void eachOkResponseNamesItsSchema() {
    Map<String, String> schemas =
        Map.of(DETAIL, "UpgradeDetail", PLAN, "UpgradePlan", PREVIEW, "UpgradePlan");
    schemas.forEach(
        (path, schema) ->
            assertThat(json(path, "200", "application/json").path("$ref").asText())
                .as(path)
                .endsWith("/" + schema));
    assertThat(json(LIST, "200", "application/json").path("items").path("$ref").asText())
        .endsWith("/UpgradeSummary");
  }

  @Test
  void errorResponsesAreProblemDetails() {
    for (String path : List.of(DETAIL, PLAN)) {
      for (String code : List.of("400", "404", "503")) {
        assertThat(json(path, code, "application/problem+json").path("$ref").asText())
            .as("%s %s", path, code)
            .endsWith("/ProblemDetail");
      }
    }
    assertThat(json(LIST, "503", "application/problem+json").path("$ref").asText())
        .endsWith("/ProblemDetail");
    assertThat(doc.path("components").path("schemas").has("ProblemDetail")).isTrue();
  }

  @Test
  void schemasCarryTheirDescriptionsAndTheEstimateDocumentsItsMethod() {
    JsonNode schemas = doc.path("components").path("schemas");
    assertThat(names(schemas))
        .contains(
            "UpgradeSummary",
            "UpgradeDetail",
            "NodeProgress",
            "StepTiming",
            "RemainingTime",
            "UpgradePlan",
            "PlannedNode",
            "Placement");
    assertThat(schemas.path("RemainingTime").path("description").asText())
        .contains("mean total step time", "null while no node has finished");
    // OpenAPI 3.1: a nullable field is typed [type, "null"].
    assertThat(schemas.path("Placement").path("properties").path("target").path("type"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("string", "null");
    assertThat(schemas.path("UpgradeDetail").path("properties").path("phase").path("enum"))
        .extracting(JsonNode::asText)
        .contains("JOURNAL_UNREADABLE", "REFUSED", "UPGRADING_NODES");
  }

  @Test
  void pathParametersDocumentTheKubernetesNamingRules() {
    for (String path : List.of(DETAIL, PLAN)) {
      JsonNode parameters = doc.path("paths").path(path).path("get").path("parameters");
      assertThat(parameters).as(path).hasSize(2);
      assertThat(parameters.get(0).path("name").asText()).isEqualTo("namespace");
      assertThat(parameters.get(0).path("in").asText()).isEqualTo("path");
      assertThat(parameters.get(0).path("required").asBoolean()).isTrue();
      assertThat(parameters.get(0).path("schema").path("pattern").asText())
          .isEqualTo(KubernetesNames.LABEL);
      assertThat(parameters.get(1).path("name").asText()).isEqualTo("name");
      assertThat(parameters.get(1).path("description").asText()).contains("DNS-1123 subdomain");
      assertThat(parameters.get(1).path("schema").path("pattern").asText())
          .isEqualTo(KubernetesNames.SUBDOMAIN);
      assertThat(parameters.get(1).path("schema").path("maxLength").asInt()).isEqualTo(253);
    }
  }

  private JsonNode json(String path, String code, String mediaType) {
    return doc.path("paths")
        .path(path)
        .path("get")
        .path("responses")
        .path(code)
        .path("content")
        .path(mediaType)
        .path("schema");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
