package io.hvst.controller.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hvst.statemachine.cluster.CpuSpec;
import io.hvst.statemachine.cluster.EvictionStrategy;
import io.hvst.statemachine.cluster.MigrationView;
import io.hvst.statemachine.cluster.NodeSelectorTerm;
import io.hvst.statemachine.cluster.Resources;
import io.hvst.statemachine.cluster.VirtualMachineView;
import io.hvst.statemachine.cluster.VmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns KubeVirt objects (generic resources: fabric8 has no model for them) into core views. Reads
 * only the fields decisions need; anything missing becomes a safe default.
 */
public final class KubeVirtTranslate {

  private KubeVirtTranslate() {}

  public static VmView vmi(GenericKubernetesResource vmi) {
    Json spec = Json.of(vmi.get("spec"));
    Json status = Json.of(vmi.get("status"));
    Json domain = spec.at("domain");
    Json cpu = domain.at("cpu");
    Json requests = domain.at("resources").at("requests");
    Json migratable =
        status.list("conditions").stream()
            .filter(c -> "LiveMigratable".equals(c.text("type")))
            .findFirst()
            .orElse(Json.EMPTY);
    Json migration = status.at("migrationState");
    boolean migrating =
        !migration.isEmpty() && !migration.flag("completed") && !migration.flag("failed");
    return new VmView(
        vmi.getMetadata().getNamespace(),
        vmi.getMetadata().getName(),
        status.text("nodeName"),
        status.text("phase"),
        Translate.orEmpty(vmi.getMetadata().getLabels()),
        new CpuSpec(cpu.text("model"), requiredFeatures(cpu)),
        new Resources(
            Translate.milliCpu(quantity(requests.text("cpu"))),
            Translate.bytes(
                quantity(
                    requests.text("memory").isEmpty()
                        ? domain.at("memory").text("guest")
                        : requests.text("memory")))),
        EvictionStrategy.parse(spec.text("evictionStrategy")),
        "True".equals(migratable.text("status")),
        migratable.text("reason"),
        spec.at("nodeSelector").strings(),
        affinity(spec),
        owner(vmi, "VirtualMachine"),
        migrating);
  }

  public static MigrationView migration(GenericKubernetesResource vmim) {
    Json spec = Json.of(vmim.get("spec"));
    Json status = Json.of(vmim.get("status"));
    Json state = status.at("migrationState");
    String target = state.text("targetNode");
    if (target.isEmpty()) {
      target = spec.at("addedNodeSelector").text("kubernetes.io/hostname");
    }
    return new MigrationView(
        vmim.getMetadata().getNamespace(),
        vmim.getMetadata().getName(),
        spec.text("vmiName"),
        status.text("phase"),
        state.text("sourceNode"),
        target,
        state.text("failureReason"),
        Translate.orEmpty(vmim.getMetadata().getLabels()));
  }

  public static VirtualMachineView virtualMachine(GenericKubernetesResource vm) {
    Json spec = Json.of(vm.get("spec"));
    String strategy = spec.text("runStrategy");
    if (strategy.isEmpty() && spec.has("running")) {
      strategy = spec.flag("running") ? "Always" : "Halted";
    }
    return new VirtualMachineView(
        vm.getMetadata().getNamespace(), vm.getMetadata().getName(), strategy);
  }

  private static List<String> requiredFeatures(Json cpu) {
    return cpu.list("features").stream()
        .filter(f -> f.text("policy").isEmpty() || "require".equals(f.text("policy")))
        .map(f -> f.text("name"))
        .filter(n -> !n.isEmpty())
        .toList();
  }

  private static List<NodeSelectorTerm> affinity(Json spec) {
    List<NodeSelectorTerm> terms = new ArrayList<>();
    for (Json term :
        spec.at("affinity")
            .at("nodeAffinity")
            .at("requiredDuringSchedulingIgnoredDuringExecution")
            .list("nodeSelectorTerms")) {
      List<NodeSelectorTerm.Requirement> requirements =
          term.list("matchExpressions").stream()
              .map(
                  e ->
                      new NodeSelectorTerm.Requirement(
                          e.text("key"), e.text("operator"), e.texts("values")))
              .toList();
      terms.add(new NodeSelectorTerm(requirements));
    }
    return terms;
  }

  private static String owner(GenericKubernetesResource object, String kind) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null) {
      return "";
    }
    return owners.stream()
        .filter(o -> kind.equals(o.getKind()))
        .map(OwnerReference::getName)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse("");
  }

  private static Quantity quantity(String text) {
    return text.isEmpty() ? null : new Quantity(text);
  }

  /** Null-safe reads over the maps and lists of a generic resource. */
  record Json(Map<?, ?> map) {
    static final Json EMPTY = new Json(Map.of());

    static Json of(Object value) {
      return value instanceof Map<?, ?> m ? new Json(m) : EMPTY;
    }

    boolean isEmpty() {
      return map.isEmpty();
    }

    boolean has(String key) {
      return map.containsKey(key);
    }

    Json at(String key) {
      return of(map.get(key));
    }

    String text(String key) {
      Object v = map.get(key);
      return v == null ? "" : v.toString();
    }

    boolean flag(String key) {
      return Boolean.TRUE.equals(map.get(key)) || "true".equals(map.get(key));
    }

    List<Json> list(String key) {
      return map.get(key) instanceof List<?> l ? l.stream().map(Json::of).toList() : List.of();
    }

    List<String> texts(String key) {
      return map.get(key) instanceof List<?> l
          ? l.stream().map(String::valueOf).toList()
          : List.of();
    }

    Map<String, String> strings() {
      Map<String, String> out = new java.util.TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
      return out;
    }
  }
}
