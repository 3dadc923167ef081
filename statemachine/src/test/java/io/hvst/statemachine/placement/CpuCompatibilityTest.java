package io.hvst.statemachine.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.statemachine.cluster.NodeView;
import io.hvst.statemachine.cluster.VmView;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The source is always node-1: Intel, host model Skylake, features avx512f pcid sse4_2, host-model
 * required feature pcid. Each row varies the VM and the target.
 */
class CpuCompatibilityTest {

  private static final NodeView SOURCE = CpuNode.named("node-1").build();

  @ParameterizedTest(name = "{0} +[{1}] to {2}/{3} runs[{4}] accepts[{5}] has[{6}] -> {7}")
  @CsvSource(
      delimiter = '|',
      value = {
        // vm model, vm requires, target vendor, host model, runs, accepts, features, expected
        "Skylake         | ''          | Intel  | Skylake     | Haswell Skylake | Skylake  | avx512f pcid sse4_2      | OK                   | ''",
        "Cascadelake     | ''          | Intel  | Skylake     | Haswell Skylake | Skylake  | avx512f pcid sse4_2      | MODEL_UNSUPPORTED    | cannot run CPU model Cascadelake",
        "Skylake         | ''          | AMD    | EPYC        | Skylake         | EPYC     | avx512f pcid sse4_2      | VENDOR_MISMATCH      | CPU vendor AMD differs from the source's Intel",
        "Skylake         | vmx         | Intel  | Skylake     | Skylake         | Skylake  | avx512f pcid sse4_2      | MISSING_CPU_FEATURES | lacks CPU features vmx",
        "Skylake         | vmx         | Intel  | Skylake     | Skylake         | Skylake  | pcid vmx                 | OK                   | ''",
        "host-model      | ''          | Intel  | Cascadelake | Cascadelake     | Skylake  | pcid                     | OK                   | ''",
        "''              | ''          | Intel  | Cascadelake | Cascadelake     | Skylake  | pcid                     | OK                   | ''",
        "host-model      | ''          | Intel  | Haswell     | Haswell         | Haswell  | avx512f pcid sse4_2      | HOST_MODEL_MISMATCH  | does not accept host model Skylake",
        "''              | ''          | Intel  | Haswell     | Haswell         | Haswell  | avx512f pcid sse4_2      | HOST_MODEL_MISMATCH  | does not accept host model Skylake",
        "host-model      | ''          | Intel  | Skylake     | Skylake         | Skylake  | avx512f sse4_2           | MISSING_CPU_FEATURES | lacks CPU features pcid",
        "host-model      | vmx         | Intel  | Skylake     | Skylake         | Skylake  | avx512f sse4_2           | MISSING_CPU_FEATURES | lacks CPU features pcid, vmx",
        "host-model      | ''          | AMD    | Skylake     | Skylake         | Skylake  | avx512f pcid sse4_2      | VENDOR_MISMATCH      | CPU vendor AMD differs from the source's Intel",
        "host-passthrough| ''          | Intel  | Skylake     | Skylake         | Skylake  | avx512f pcid sse4_2      | OK                   | ''",
        "host-passthrough| ''          | Intel  | Skylake     | ''              | ''       | avx512f pcid sse4_2 vmx  | OK                   | ''",
        "host-passthrough| ''          | AMD    | Skylake     | Skylake         | Skylake  | avx512f pcid sse4_2      | VENDOR_MISMATCH      | CPU vendor AMD differs from the source's Intel",
        "host-passthrough| ''          | Intel  | Icelake     | Icelake Skylake | Skylake  | avx512f pcid sse4_2      | HOST_MODEL_MISMATCH  | host model Icelake differs from Skylake",
        "host-passthrough| ''          | Intel  | Skylake     | Skylake         | Skylake  | sse4_2                   | MISSING_CPU_FEATURES | lacks CPU features avx512f, pcid",
        "host-passthrough| vmx         | Intel  | Skylake     | Skylake         | Skylake  | avx512f pcid sse4_2      | MISSING_CPU_FEATURES | lacks CPU features vmx",
      })
  void followsKubevirtCpuRules(
      String vmModel,
      String vmRequires,
      String vendor,
      String hostModel,
      String runs,
      String accepts,
      String features,
      String expected,
      String detail) {
    VmView vm = TestVm.named("vm").cpu(vmModel).requires(vmRequires).build();
    NodeView target =
        CpuNode.named("node-2")
            .vendor(vendor)
            .hostModel(hostModel)
            .models(runs)
            .accepts(accepts)
            .features(features)
            .hostModelRequires("")
            .build();

    Optional<Rejection> refusal = CpuCompatibility.check(vm, SOURCE, target);

    if (expected.equals("OK")) {
      assertThat(refusal).isEmpty();
    } else {
      assertThat(refusal)
          .contains(new Rejection("node-2", Rejection.Reason.valueOf(expected), detail));
    }
  }

  @Test
  void refusesHostPassthroughTargetMissingAFeatureAndNamesIt() {
    VmView repo = TestVm.repoVm().build();
    NodeView older = CpuNode.named("node-3").features("pcid sse4_2").build();

    assertThat(CpuCompatibility.check(repo, SOURCE, older))
        .map(Rejection::describe)
        .contains("node-3: lacks CPU features avx512f");
  }

  @Test
  void readsOnlyLabelsThatSayTrue() {
    VmView vm = TestVm.named("vm").cpu("Skylake").build();
    NodeView target =
        CpuNode.named("node-2").models("").label(NodeCpu.MODEL + "Skylake", "false").build();

    assertThat(CpuCompatibility.check(vm, SOURCE, target))
        .map(Rejection::reason)
        .contains(Rejection.Reason.MODEL_UNSUPPORTED);
  }

  @Test
  void refusesHostModelWhenTheSourceReportsNoHostModel() {
    VmView vm = TestVm.named("vm").build();
    NodeView unlabelled = CpuNode.named("node-1").hostModel("").build();

    assertThat(CpuCompatibility.check(vm, unlabelled, CpuNode.named("node-2").build()))
        .contains(
            new Rejection(
                "node-2", Rejection.Reason.HOST_MODEL_MISMATCH, "node-1 reports no host model"));
  }

  @Test
  void takesTheRequiredFeaturesFromTheSourceNotTheTarget() {
    VmView vm = TestVm.named("vm").build();
    NodeView source =
        CpuNode.named("node-1").hostModelRequires("pcid vmx").features("pcid vmx").build();
    NodeView target = CpuNode.named("node-2").hostModelRequires("").features("pcid").build();

    assertThat(CpuCompatibility.check(vm, source, target))
        .map(Rejection::detail)
        .contains("lacks CPU features vmx");
  }
}
