package io.hvst.simulator.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvst.simulator.kube.Json;
import io.hvst.simulator.seed.CpuProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU checks KubeVirt and libvirt make of a migration target. */
class CpuRulesTest {

  private static final Map<String, String> SKYLAKE = CpuProfile.skylake().labels();
  private static final Map<String, String> NO_AVX512 =
      CpuProfile.skylake().without("avx512f").labels();

  @Test
  void hostPassthroughNeedsEveryFeatureOfTheSource() {
    assertThat(CpuRules.incompatibility(cpu("host-passthrough"), SKYLAKE, NO_AVX512))
        .contains(
            "operation failed: guest CPU doesn't match specification: missing features: avx512f");
    assertThat(CpuRules.incompatibility(cpu("host-passthrough"), NO_AVX512, SKYLAKE)).isEmpty();
  }

  @Test
  void hostModelNeedsTheSourceHostModelAndItsRequiredFeatures() {
    assertThat(CpuRules.incompatibility(cpu("host-model"), SKYLAKE, NO_AVX512))
        .contains(
            "operation failed: guest CPU doesn't match specification: missing features: avx512f");
    CpuProfile other =
        new CpuProfile(
            "Intel", "Cascadelake-Server", List.of("Westmere"), CpuProfile.skylake().features());
    assertThat(CpuRules.incompatibility(cpu("host-model"), SKYLAKE, other.labels()))
        .hasValueSatisfying(
            r -> assertThat(r).contains("CPU model Skylake-Server-IBRS is not supported"));
  }

  @Test
  void aNamedModelNeedsThatModelOnTheTarget() {
    CpuProfile old = new CpuProfile("Intel", "Westmere", List.of("Westmere"), List.of("sse4.2"));
    assertThat(CpuRules.incompatibility(cpu("Westmere"), SKYLAKE, old.labels())).isEmpty();
    assertThat(CpuRules.incompatibility(cpu("Skylake-Client-IBRS"), SKYLAKE, old.labels()))
        .hasValueSatisfying(r -> assertThat(r).contains("CPU model Skylake-Client-IBRS"));
  }

  @Test
  void theVendorMustBeTheSameAndRequiredFeaturesPresent() {
    CpuProfile amd =
        new CpuProfile("AMD", "EPYC", List.of("EPYC"), CpuProfile.skylake().features());
    assertThat(CpuRules.incompatibility(cpu("host-passthrough"), SKYLAKE, amd.labels()))
        .hasValueSatisfying(r -> assertThat(r).contains("CPU vendor Intel"));
    Json withFeature =
        Json.of(
            Map.of(
                "model",
                "Westmere",
                "features",
                List.of(Map.of("name", "avx512f", "policy", "require"))));
    assertThat(CpuRules.incompatibility(withFeature, SKYLAKE, NO_AVX512))
        .contains(
            "operation failed: guest CPU doesn't match specification: missing features: avx512f");
    assertThat(CpuRules.targetSelector(withFeature, SKYLAKE))
        .containsEntry("cpu-model.node.kubevirt.io/Westmere", "true")
        .containsEntry("cpu-feature.node.kubevirt.io/avx512f", "true");
  }

  private static Json cpu(String model) {
    return Json.of(Map.of("model", model));
  }
}
