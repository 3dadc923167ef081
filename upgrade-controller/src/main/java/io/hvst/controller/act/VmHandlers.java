package io.hvst.controller.act;

import io.hvst.controller.kube.MigrationAdapter;
import io.hvst.controller.kube.VirtualMachineAdapter;
import io.hvst.controller.observe.WriteExpectations;
import io.hvst.statemachine.decide.UpgradeAction.CancelMigration;
import io.hvst.statemachine.decide.UpgradeAction.MigrateVm;
import io.hvst.statemachine.decide.UpgradeAction.StartVm;
import io.hvst.statemachine.decide.UpgradeAction.StopVm;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Live migrations and VM power: one adapter call each, and an expectation for the cache. */
public final class VmHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(VmHandlers.class);

  private VmHandlers() {}

  public static List<ActionHandler<?>> all(
      MigrationAdapter migrations,
      VirtualMachineAdapter vms,
      WriteExpectations expectations,
      Clock clock) {
    return List.of(
        new Handler<>(
            MigrateVm.class,
            (ctx, a) -> {
              migrations
                  .create(
                      a.namespace(), a.migration(), a.vmi(), a.target(), a.labels(), ctx.owner())
                  .ifPresentOrElse(
                      rv ->
                          expectations.expect(
                              key("VirtualMachineInstanceMigration", a.namespace(), a.migration()),
                              rv,
                              clock.instant()),
                      () ->
                          LOG.info(
                              "Adopted existing migration {}/{}", a.namespace(), a.migration()));
              LOG.info(
                  "Migrating VM {}/{} from {} to {} ({})",
                  a.namespace(),
                  a.vmi(),
                  a.node(),
                  a.target(),
                  a.migration());
            }),
        new Handler<>(
            CancelMigration.class,
            (ctx, a) -> {
              migrations.delete(a.namespace(), a.migration());
              LOG.info("Cancelled migration {}/{}", a.namespace(), a.migration());
            }),
        new Handler<>(
            StopVm.class,
            (ctx, a) -> {
              String rv = vms.setRunStrategy(a.namespace(), a.vm(), "Halted");
              expectations.expect(
                  key("VirtualMachine", a.namespace(), a.vm()), rv, clock.instant());
              LOG.info(
                  "Stopped VM {}/{} (it cannot be live-migrated off {})",
                  a.namespace(),
                  a.vm(),
                  a.node());
            }),
        new Handler<>(
            StartVm.class,
            (ctx, a) -> {
              String rv = vms.setRunStrategy(a.namespace(), a.vm(), a.runStrategy());
              expectations.expect(
                  key("VirtualMachine", a.namespace(), a.vm()), rv, clock.instant());
              LOG.info(
                  "Started VM {}/{} again (runStrategy {})",
                  a.namespace(),
                  a.vm(),
                  a.runStrategy());
            }));
  }

  static WriteExpectations.Key key(String kind, String namespace, String name) {
    return new WriteExpectations.Key(kind, namespace, name);
  }
}
