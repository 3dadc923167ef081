package io.hvst.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Skips a test class, visibly, where no Docker engine runs (this project's machines and CI have
 * none): JUnit reports it skipped with the reason, and the reason is printed once.
 */
final class DockerRequired implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isPresent()) {
      return ConditionEvaluationResult.enabled("decided for the class");
    }
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (docker) {
      return ConditionEvaluationResult.enabled("a Docker engine is available");
    }
    String reason =
        context.getDisplayName()
            + " SKIPPED: no Docker engine is available, so no k3s container can start;"
            + " it runs where Docker runs (the simulated-cluster ITs cover the rest).";
    System.err.println(reason);
    return ConditionEvaluationResult.disabled(reason);
  }
}
