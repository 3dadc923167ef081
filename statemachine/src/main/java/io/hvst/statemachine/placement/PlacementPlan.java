package io.hvst.statemachine.placement;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Where each VM of one node goes, in the order they were placed (largest memory first). */
public record PlacementPlan(List<Placement> placements) {

  public PlacementPlan {
    placements = List.copyOf(placements);
  }

  /** True when every VM has a target. */
  public boolean complete() {
    return placements.stream().allMatch(Placement::placed);
  }

  public List<Placement> unplaced() {
    return placements.stream().filter(p -> !p.placed()).toList();
  }

  /** Target node by VM key ({@code namespace/name}), for the placed VMs, sorted by key. */
  public Map<String, String> targets() {
    SortedMap<String, String> targets = new TreeMap<>();
    placements.forEach(p -> p.target().ifPresent(node -> targets.put(p.vm().key(), node)));
    return Collections.unmodifiableSortedMap(targets);
  }

  /** One clause per unplaced VM, naming it and why each node refused it; empty when complete. */
  public String describeUnplaced() {
    return unplaced().stream().map(Placement::describe).collect(Collectors.joining("; "));
  }
}
