package io.hvst.controller.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and description ({@code /v3/api-docs}). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  @Bean
  OpenAPI upgradeApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("hvst upgrade controller API")
                .version("v1")
                .description(
                    "Read-only status and dry-run plans of Harvester node-by-node upgrades. Served"
                        + " from the controller's informer caches and journal store: no request"
                        + " reaches the Kubernetes API server. Errors are RFC 9457 problem"
                        + " details (application/problem+json)."));
  }
}
