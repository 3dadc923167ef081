package io.hvst.controller.api.assemble;

import io.hvst.controller.journal.JournalRead;
import io.hvst.controller.kube.Upgrade;
import io.hvst.statemachine.cluster.UpgradeRequest;
import java.util.Objects;

/**
 * Everything read about one Upgrade for one API response: the cached resource, its translation, and
 * what reading its journal found.
 */
public record UpgradeFacts(Upgrade resource, UpgradeRequest request, JournalRead journal) {
  public UpgradeFacts {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(journal, "journal");
  }
}
