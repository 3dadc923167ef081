package io.hvst.simulator.actors;

import io.hvst.controller.observe.KubeVirt;
import io.hvst.simulator.kube.Writes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a migration's progress where KubeVirt does: the VMIM's status and the VMI's. */
final class MigrationStatus {

  private final Writes writes;
  private final String namespace;
  private final String name;
  private final String vmi;
  private final String uid;
  private final String source;
  private final Clock clock;
  private final List<Map<String, Object>> transitions = new ArrayList<>();
  private String startTimestamp;

  MigrationStatus(
      Writes writes,
      String namespace,
      String name,
      String vmi,
      String uid,
      String source,
      Clock clock) {
    this.writes = writes;
    this.namespace = namespace;
    this.name = name;
    this.vmi = vmi;
    this.uid = uid;
    this.source = source;
    this.clock = clock;
    transitions.add(Writes.map("phase", "Pending", "phaseTransitionTimestamp", now()));
  }

  void phase(String phase, String target, String targetPod) {
    writeVmimState(phase, state(target, targetPod));
  }

  void running(String target, String targetPod) {
    startTimestamp = now();
    writeVmimState("Running", state(target, targetPod));
    writeVmi(Map.of("migrationState", state(target, targetPod)));
  }

  void vmiMigrating(String target, String targetPod) {
    writeVmi(Map.of("migrationState", state(target, targetPod)));
  }

  /** The guest runs on the target now: the VMI says so, its evacuation (if any) is over. */
  void vmiMoved(String target, String targetPod) {
    Map<String, Object> state = state(target, targetPod);
    state.put("completed", true);
    state.put("endTimestamp", now());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("nodeName", target);
    status.put("migrationState", state);
    status.put("evacuationNodeName", null);
    writes.merge(
        KubeVirt.VMI,
        namespace,
        vmi,
        Writes.map(
            "metadata",
            Map.of("labels", Map.of("kubevirt.io/nodeName", target)),
            "status",
            status));
    writeVmimState("Succeeded", state);
  }

  void failed(String target, String targetPod, String reason) {
    Map<String, Object> state = state(target, targetPod);
    state.put("failed", true);
    state.put("failureReason", reason);
    state.put("endTimestamp", now());
    if (startTimestamp != null) {
      writeVmi(Map.of("migrationState", state));
    }
    writeVmimState("Failed", state);
  }

  void vmiAborted(String target, String targetPod) {
    Map<String, Object> state = state(target, targetPod);
    state.put("failed", true);
    state.put("abortStatus", "Succeeded");
    state.put("failureReason", "Live migration aborted");
    state.put("endTimestamp", now());
    writeVmi(Map.of("migrationState", state));
  }

  private Map<String, Object> state(String target, String targetPod) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("migrationUid", uid);
    state.put("sourceNode", source);
    if (!target.isEmpty()) {
      state.put("targetNode", target);
    }
    if (!targetPod.isEmpty()) {
      state.put("targetPod", targetPod);
    }
    if (startTimestamp != null) {
      state.put("startTimestamp", startTimestamp);
    }
    state.put("completed", false);
    state.put("failed", false);
    state.put("mode", "PreCopy");
    return state;
  }

  private void writeVmimState(String phase, Map<String, Object> state) {
    Map<String, Object> transition = new LinkedHashMap<>();
    transition.put("phase", phase);
    transition.put("phaseTransitionTimestamp", now());
    transitions.add(transition);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    status.put("migrationState", state);
    status.put("phaseTransitionTimestamps", List.copyOf(transitions));
    writes.merge(KubeVirt.MIGRATION, namespace, name, Map.of("status", status));
  }

  private void writeVmi(Map<String, Object> status) {
    writes.merge(KubeVirt.VMI, namespace, vmi, Map.of("status", status));
  }

  private String now() {
    return clock.instant().toString();
  }
}
