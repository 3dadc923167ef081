package io.hvst.controller.api;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.ProblemDetail;

/** Documents the problems of an endpoint that names one Upgrade: a bad name, or no such one. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
    responseCode = "400",
    description = "The namespace or name is not a valid Kubernetes name.",
    content =
        @Content(
            mediaType = Problems.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(
    responseCode = "404",
    description = "No such Upgrade.",
    content =
        @Content(
            mediaType = Problems.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDetail.class)))
@interface UpgradeProblemResponses {}
