package io.hvst.statemachine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.Reason;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.fixtures.Nodes;
import io.hvst.statemachine.fixtures.World;
import io.hvst.statemachine.journal.Journal;
import io.hvst.statemachine.lifecycle.UpgradePhase;
import io.hvst.statemachine.policy.DrainPolicy;
import io.hvst.statemachine.policy.UpgradePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightTest {

  private final UpgradeRequest upgrade = World.upgrade("v1.5.0");
  private final World world =
      new World()
          .with(
              Nodes.management("m-1").kubevirt(),
              Nodes.management("m-2").kubevirt(),
              Nodes.worker("w-1").kubevirt());
  private final UpgradeDecider decider = Deciders.standard(requiringRepoVm());

  @Test
  void waitsForTheRepoVmThenOrdersItsHostLastInItsGroup() {
    Decision first = decider.start(upgrade, world.snapshot());
    Journal journal = first.journal().orElseThrow();
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.PREFLIGHT);
    assertThat(journal.upgrade().order()).isEmpty();
    assertThat(first.waits())
        .singleElement()
        .satisfies(w -> assertThat(w.reason()).isEqualTo(Reason.REPO_VM_MISSING));

    VmView repo =
        VmView.simple(
            "harvester-system", "upgrade-repo-hvst-upgrade", "m-1", new Resources(500, 4L << 30));
    world.vm(
        new VmView(
            repo.namespace(),
            repo.name(),
            repo.nodeName(),
            repo.phase(),
            Map.of("harvesterhci.io/upgradeComponent", "repo"),
            repo.cpu(),
            repo.requests(),
            repo.evictionStrategy(),
            true,
            "",
            Map.of(),
            List.of(),
            repo.name(),
            false));
    journal = decider.decide(upgrade, journal, world.snapshot()).journal().orElseThrow();
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.UPGRADING_NODES);
    assertThat(journal.upgrade().order()).containsExactly("m-2", "m-1", "w-1");
  }

  @Test
  void failsTheUpgradeNamingTheRepoVmWhenItNeverAppears() {
    Journal journal = decider.start(upgrade, world.snapshot()).journal().orElseThrow();
    world.advance(Duration.ofMinutes(11));
    journal = decider.decide(upgrade, journal, world.snapshot()).journal().orElseThrow();
    assertThat(journal.upgrade().phase()).isEqualTo(UpgradePhase.FAILED);
    assertThat(journal.upgrade().failure().reason()).isEqualTo(Reason.REPO_VM_MISSING);
    assertThat(journal.upgrade().failure().message()).contains("upgrade-repo-hvst-upgrade");
    assertThat(journal.nodeRecords()).isEmpty();
  }

  private static UpgradePolicy requiringRepoVm() {
    UpgradePolicy p = World.policy();
    DrainPolicy d = DrainPolicy.defaults();
    return new UpgradePolicy(
        p.maxUnavailable(),
        p.osImageTemplate(),
        p.versionLabel(),
        p.upgradeJob(),
        p.timeouts(),
        d,
        p.scheduling());
  }
}
