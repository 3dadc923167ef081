package io.hvst.controller.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents the two path parameters that name one Upgrade, with Kubernetes' naming rules. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(
    name = "namespace",
    in = ParameterIn.PATH,
    description = "Namespace (a DNS-1123 label).",
    schema = @Schema(pattern = KubernetesNames.LABEL, maxLength = KubernetesNames.LABEL_MAX))
@Parameter(
    name = "name",
    in = ParameterIn.PATH,
    description = "Upgrade name (a DNS-1123 subdomain).",
    schema =
        @Schema(pattern = KubernetesNames.SUBDOMAIN, maxLength = KubernetesNames.SUBDOMAIN_MAX))
@interface UpgradePathParameters {}
