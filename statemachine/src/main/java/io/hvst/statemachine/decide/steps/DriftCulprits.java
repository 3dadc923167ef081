package io.hvst.statemachine.decide.steps;

import io.hvst.statemachine.journal.Drift;
import io.hvst.statemachine.journal.NodeRecord;

/** Who most likely reverted a piece of scheduling state, and what to do about it. */
public final class DriftCulprits {

  private DriftCulprits() {}

  /** One sentence on the node's latest drift, for its status. */
  public static String describe(NodeRecord rec) {
    if (rec.drift().isEmpty()) {
      return "";
    }
    Drift last = rec.drift().get(rec.drift().size() - 1);
    String found = last.found().isEmpty() ? "removed" : "set to " + last.found();
    return last.key()
        + " drifted on "
        + rec.name()
        + " ("
        + found
        + ", expected "
        + last.expected()
        + "; "
        + rec.driftCount()
        + " times so far) and was put back: "
        + last.culprit()
        + ".";
  }

  public static String guess(String key) {
    if (key.equals("kubevirt.io/schedulable")) {
      return "virt-handler re-patches kubevirt.io/schedulable=true every minute or two, so this label cannot "
          + "stick by itself; use a taint (e.g. key=value:NoSchedule) to keep VMs off the node";
    }
    if (key.equals("spec.unschedulable")) {
      return "a node syncer (e.g. vcluster) or another controller uncordoned the node";
    }
    if (key.startsWith("node-role.")) {
      return "the node agent (rke2 / rancher-system-agent) re-registers node roles";
    }
    return "another controller or agent manages this key";
  }
}
