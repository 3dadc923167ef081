package io.hvst.simulator.sandbox;

import io.hvst.simulator.scenario.DrainScenarios;
import io.hvst.simulator.scenario.FaultScenarios;
import io.hvst.simulator.scenario.ScenarioSetup;
import io.hvst.simulator.scenario.SchedulingScenarios;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the simulated cluster does during a sandbox run. Each scenario is set up exactly as its twin
 * in {@code it/} and ends the same way; the expected end is part of its description.
 */
public enum Scenario {
  HAPPY("happy", "every node upgrades; no faults", "Succeeded"),
  REPO_VM_CPU_MISMATCH(
      "repo-vm-cpu-mismatch",
      "host-passthrough repo VM on node-1; node-2 lacks a CPU feature, so it goes elsewhere",
      "Succeeded"),
  REPO_VM_NO_TARGET(
      "repo-vm-no-target",
      "no other node has node-1's CPU features; node-1 is never cordoned",
      "Failed: NoMigrationTarget"),
  QUOTA_FULL(
      "quota-full",
      "the VMs' namespace quota is full; raised for each migration and restored",
      "Succeeded"),
  PDB_BLOCKING(
      "pdb-blocking",
      "a PodDisruptionBudget refuses evictions for 3 s after its first refusal, then allows them",
      "Succeeded"),
  PDB_NEVER_ALLOWS(
      "pdb-never-allows",
      "a PodDisruptionBudget never allows an eviction; the drain times out",
      "Failed: DrainTimeout"),
  NON_MIGRATABLE(
      "non-migratable",
      "a VM with an RWO disk, policy stop: stopped, recorded, started again",
      "Succeeded"),
  NON_MIGRATABLE_BLOCKED(
      "non-migratable-blocked",
      "a VM with an RWO disk, policy block: its node is never cordoned",
      "Failed: StepTimeout (NonMigratableVms)"),
  LABELS_RESET(
      "labels-reset",
      "a management node's label and taint, reset by the OS upgrade, put back",
      "Succeeded"),
  SCHEDULABLE_DRIFT(
      "schedulable-drift",
      "the policy's rules keep node-1 unschedulable and tainted; virt-handler re-labels it"
          + " schedulable while it settles: put back, counted as drift, virt-handler named",
      "Succeeded"),
  CORDON_REVERT(
      "cordon-revert", "a vcluster syncer reverts each cordon twice, then it sticks", "Succeeded"),
  CORDON_ALWAYS_REVERTED(
      "cordon-always-reverted",
      "a vcluster syncer reverts every cordon; no pod is evicted",
      "Failed: CordonReverted"),
  PERSON_CORDONED(
      "person-cordoned", "node-3 was cordoned by a person; it stays cordoned", "Succeeded"),
  POLICY_MALFORMED(
      "policy-malformed",
      "the scheduling policy has a malformed entry; it is named, the rest applies",
      "Succeeded"),
  CHAOS(
      "chaos",
      "10% API errors, a full quota, a label to put back, controller restarted at random",
      "Succeeded");

  private final String id;
  private final String description;
  private final String expected;

  Scenario(String id, String description, String expected) {
    this.id = id;
    this.description = description;
    this.expected = expected;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** The end a correct controller reaches in this scenario. */
  public String expected() {
    return expected;
  }

  /** How the cluster is built and armed; the matching {@code it/} scenario starts the same. */
  public ScenarioSetup setup() {
    return switch (this) {
      case HAPPY -> ScenarioSetup.plain();
      case REPO_VM_CPU_MISMATCH -> DrainScenarios.repoVmCpuMismatch();
      case REPO_VM_NO_TARGET -> DrainScenarios.repoVmNoTarget();
      case QUOTA_FULL -> DrainScenarios.quotaFull();
      case PDB_BLOCKING -> DrainScenarios.pdbBlocking();
      case PDB_NEVER_ALLOWS -> DrainScenarios.pdbNeverAllows();
      case NON_MIGRATABLE -> DrainScenarios.nonMigratableStopped();
      case NON_MIGRATABLE_BLOCKED -> DrainScenarios.nonMigratableBlocked();
      case LABELS_RESET -> SchedulingScenarios.labelsReset();
      case SCHEDULABLE_DRIFT -> SchedulingScenarios.schedulableDrift();
      case CORDON_REVERT -> SchedulingScenarios.cordonRevert();
      case CORDON_ALWAYS_REVERTED -> SchedulingScenarios.cordonAlwaysReverted();
      case PERSON_CORDONED -> SchedulingScenarios.personCordoned();
      case POLICY_MALFORMED -> SchedulingScenarios.policyMalformed();
      case CHAOS -> FaultScenarios.chaos();
    };
  }

  public static Optional<Scenario> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }
}
