package io.hvst.controller.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hvst.statemachine.Reason;
import io.swagger.v3.oas.annotations.media.Schema;

/** A reason as conditions and events spell it: a CamelCase code and a sentence. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Why something happens or does not: a CamelCase code and a human message.")
public record ReasonDto(
    @Schema(
            description = "CamelCase reason code, as in conditions and events.",
            example = "NodeRebooting")
        String code,
    @Schema(description = "A human sentence explaining the reason.") String message) {

  public static ReasonDto of(Reason reason, String message) {
    return new ReasonDto(
        reason.code(), message == null || message.isBlank() ? reason.text() : message);
  }
}
