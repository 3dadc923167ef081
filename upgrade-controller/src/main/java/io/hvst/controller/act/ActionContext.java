package io.hvst.controller.act;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.hvst.controller.journal.JournalStore;
import io.hvst.statemachine.cluster.UpgradeRequest;

/** The Upgrade on whose behalf actions run, and the owner reference for what they create. */
public record ActionContext(UpgradeRequest upgrade) {

  public OwnerReference owner() {
    return JournalStore.owner(upgrade);
  }
}
