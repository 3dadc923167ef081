package io.hvst.statemachine.cluster;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable view of the cluster at one instant: the input of every decision.
 *
 * @param jobs Jobs by {@code namespace/name}
 * @param migrations VirtualMachineInstanceMigrations by {@code namespace/name}
 * @param virtualMachines VirtualMachines by {@code namespace/name}
 * @param evictionBlocks refused evictions by pod {@code namespace/name}
 */
public record ClusterSnapshot(
    Instant observedAt,
    SortedMap<String, NodeView> nodes,
    List<VmView> vms,
    Map<String, JobView> jobs,
    List<PodView> pods,
    Map<String, MigrationView> migrations,
    List<QuotaView> quotas,
    Map<String, VirtualMachineView> virtualMachines,
    Map<String, EvictionBlock> evictionBlocks,
    SchedulingPolicy schedulingPolicy) {

  public ClusterSnapshot {
    nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
    vms = List.copyOf(vms);
    jobs = Map.copyOf(jobs);
    pods = List.copyOf(pods);
    migrations = Map.copyOf(migrations);
    quotas = List.copyOf(quotas);
    virtualMachines = Map.copyOf(virtualMachines);
    evictionBlocks = Map.copyOf(evictionBlocks);
    schedulingPolicy = schedulingPolicy == null ? SchedulingPolicy.NONE : schedulingPolicy;
  }

  /** A snapshot with nodes, VMs and Jobs only. */
  public ClusterSnapshot(
      Instant observedAt,
      SortedMap<String, NodeView> nodes,
      List<VmView> vms,
      Map<String, JobView> jobs) {
    this(
        observedAt,
        nodes,
        vms,
        jobs,
        List.of(),
        Map.of(),
        List.of(),
        Map.of(),
        Map.of(),
        SchedulingPolicy.NONE);
  }

  /** The same snapshot with other VMs: for dry runs that play moves ahead. */
  public ClusterSnapshot withVms(List<VmView> others) {
    return with(nodes, others);
  }

  /** The same snapshot with {@code node} in place of the view of the same name. */
  public ClusterSnapshot withNode(NodeView node) {
    SortedMap<String, NodeView> others = new TreeMap<>(nodes);
    others.put(node.name(), node);
    return with(others, vms);
  }

  private ClusterSnapshot with(SortedMap<String, NodeView> someNodes, List<VmView> someVms) {
    return new ClusterSnapshot(
        observedAt,
        someNodes,
        someVms,
        jobs,
        pods,
        migrations,
        quotas,
        virtualMachines,
        evictionBlocks,
        schedulingPolicy);
  }

  public static Builder at(Instant observedAt) {
    return new Builder(observedAt);
  }

  public Optional<NodeView> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public Optional<JobView> job(String namespace, String name) {
    return Optional.ofNullable(jobs.get(namespace + "/" + name));
  }

  public Optional<MigrationView> migration(String namespace, String name) {
    return Optional.ofNullable(migrations.get(namespace + "/" + name));
  }

  public Optional<VmView> vm(String namespace, String name) {
    return vms.stream()
        .filter(v -> v.namespace().equals(namespace) && v.name().equals(name))
        .findFirst();
  }

  public List<VmView> vmsOn(String node) {
    return vms.stream().filter(vm -> vm.nodeName().equals(node)).toList();
  }

  public List<PodView> podsOn(String node) {
    return pods.stream().filter(p -> p.nodeName().equals(node)).toList();
  }

  public List<QuotaView> quotasIn(String namespace) {
    return quotas.stream().filter(q -> q.namespace().equals(namespace)).toList();
  }

  public Optional<VmView> repoVm(UpgradeRequest upgrade) {
    String name = "upgrade-repo-" + upgrade.name();
    return vms.stream().filter(vm -> vm.isRepoVm() && vm.name().equals(name)).findFirst();
  }

  /** Collects a snapshot's parts. */
  public static final class Builder {
    private final Instant observedAt;
    private final SortedMap<String, NodeView> nodes = new TreeMap<>();
    private List<VmView> vms = List.of();
    private final Map<String, JobView> jobs = new HashMap<>();
    private List<PodView> pods = List.of();
    private final Map<String, MigrationView> migrations = new HashMap<>();
    private List<QuotaView> quotas = List.of();
    private final Map<String, VirtualMachineView> virtualMachines = new HashMap<>();
    private final Map<String, EvictionBlock> evictionBlocks = new HashMap<>();
    private SchedulingPolicy schedulingPolicy = SchedulingPolicy.NONE;

    private Builder(Instant observedAt) {
      this.observedAt = observedAt;
    }

    public Builder nodes(List<NodeView> list) {
      list.forEach(n -> nodes.put(n.name(), n));
      return this;
    }

    public Builder vms(List<VmView> list) {
      vms = list;
      return this;
    }

    public Builder jobs(List<JobView> list) {
      list.forEach(j -> jobs.put(j.namespace() + "/" + j.name(), j));
      return this;
    }

    public Builder pods(List<PodView> list) {
      pods = list;
      return this;
    }

    public Builder migrations(List<MigrationView> list) {
      migrations.putAll(
          list.stream()
              .collect(Collectors.toMap(MigrationView::key, Function.identity(), (a, b) -> a)));
      return this;
    }

    public Builder quotas(List<QuotaView> list) {
      quotas = list;
      return this;
    }

    public Builder virtualMachines(List<VirtualMachineView> list) {
      list.forEach(v -> virtualMachines.put(v.key(), v));
      return this;
    }

    public Builder evictionBlocks(Map<String, EvictionBlock> blocks) {
      evictionBlocks.putAll(blocks);
      return this;
    }

    public Builder schedulingPolicy(SchedulingPolicy policy) {
      schedulingPolicy = policy;
      return this;
    }

    public ClusterSnapshot build() {
      return new ClusterSnapshot(
          observedAt,
          nodes,
          vms,
          jobs,
          pods,
          migrations,
          quotas,
          virtualMachines,
          evictionBlocks,
          schedulingPolicy);
    }
  }
}
