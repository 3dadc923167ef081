package io.hvst.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.policy.DrainPolicy;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ControllerPropertiesTest {

  @Configuration
  @EnableConfigurationProperties(ControllerProperties.class)
  static class Props {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Props.class)
          .withBean(org.springframework.validation.beanvalidation.LocalValidatorFactoryBean.class);

  @Test
  void mapsDefaultsToThePolicyTheCoreDecidesWith() {
    runner.run(
        ctx -> {
          UpgradePolicy policy = PolicyMapper.toPolicy(ctx.getBean(ControllerProperties.class));
          assertThat(policy.maxUnavailable()).isEqualTo(1);
          assertThat(policy.osImageTemplate()).isEqualTo("Harvester {version}");
          assertThat(policy.upgradeJob().imageFor("v1.5.0", null))
              .isEqualTo("rancher/harvester-upgrade:v1.5.0");
          assertThat(policy.timeouts().upgrade()).isEqualTo(Duration.ofMinutes(90));
          assertThat(policy.drain().nonMigratable())
              .isEqualTo(DrainPolicy.NonMigratablePolicy.BLOCK);
          assertThat(policy.drain().launcherOverhead().memoryBytes()).isEqualTo(256L << 20);
        });
  }

  @Test
  void refusesToStartWithAnInvalidSettingAndNamesIt() {
    runner
        .withPropertyValues("hvst.upgrade.max-unavailable=0")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("maxUnavailable");
            });
    runner
        .withPropertyValues("hvst.leader-election.renew-deadline=20s")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(ctx.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("renew-deadline must be shorter");
            });
  }

  @Test
  void readsTheNonMigratablePolicyInEitherCase() {
    runner
        .withPropertyValues("hvst.drain.non-migratable=stop")
        .run(
            ctx ->
                assertThat(
                        PolicyMapper.toPolicy(ctx.getBean(ControllerProperties.class))
                            .drain()
                            .nonMigratable())
                    .isEqualTo(DrainPolicy.NonMigratablePolicy.STOP));
  }
}
