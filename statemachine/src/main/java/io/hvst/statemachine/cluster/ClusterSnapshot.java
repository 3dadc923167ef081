package io.hvst.statemachine.cluster;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** An immutable view of the cluster at one instant: the input of every decision. */
public record ClusterSnapshot(
    Instant observedAt,
    SortedMap<String, NodeView> nodes,
    List<VmView> vms,
    Map<String, JobView> jobs) {

  public ClusterSnapshot {
    nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
    vms = List.copyOf(vms);
    jobs = Map.copyOf(jobs);
  }

  public Optional<NodeView> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public Optional<JobView> job(String namespace, String name) {
    return Optional.ofNullable(jobs.get(namespace + "/" + name));
  }

  public List<VmView> vmsOn(String node) {
    return vms.stream().filter(vm -> vm.nodeName().equals(node)).toList();
  }

  public Optional<VmView> repoVm(UpgradeRequest upgrade) {
    String name = "upgrade-repo-" + upgrade.name();
    return vms.stream().filter(vm -> vm.isRepoVm() && vm.name().equals(name)).findFirst();
  }
}
