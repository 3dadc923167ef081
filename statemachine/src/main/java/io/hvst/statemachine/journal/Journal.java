package io.hvst.statemachine.journal;

import io.hvst.statemachine.lifecycle.NodeState;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The step log of one upgrade: the upgrade entry and one entry per node. */
public record Journal(UpgradeRecord upgrade, SortedMap<String, NodeRecord> nodes) {

  public Journal {
    Objects.requireNonNull(upgrade, "upgrade");
    nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
  }

  public Optional<NodeRecord> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public Collection<NodeRecord> nodeRecords() {
    return nodes.values();
  }

  public Journal with(UpgradeRecord changed) {
    return new Journal(changed, nodes);
  }

  public Journal with(NodeRecord changed) {
    SortedMap<String, NodeRecord> copy = new TreeMap<>(nodes);
    copy.put(changed.name(), changed);
    return new Journal(upgrade, copy);
  }

  public long countIn(NodeState state) {
    return nodes.values().stream().filter(n -> n.state() == state).count();
  }
}
