package io.hvst.controller.journal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hvst.controller.kube.ConfigMapAdapter;
import io.hvst.controller.observe.ClusterCaches;
import io.hvst.statemachine.cluster.UpgradeRequest;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.journal.Journal;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journal ConfigMap {@code <upgrade>-progress}: read from the informer cache, written with
 * compare-and-swap on its resourceVersion. What we wrote last is kept until the cache shows it, so
 * a decision is never made on a journal older than our own last write.
 */
public final class JournalStore {

  private record Written(Journal journal, String resourceVersion, Set<String> ours) {}

  private final ClusterCaches caches;
  private final ConfigMapAdapter configMaps;
  private final JournalCodec codec = new JournalCodec();
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  public JournalStore(ClusterCaches caches, ConfigMapAdapter configMaps) {
    this.caches = caches;
    this.configMaps = configMaps;
  }

  public JournalRead read(UpgradeRequest upgrade) {
    String name = ResourceNames.journal(upgrade.name());
    Optional<ConfigMap> cached = caches.journal(upgrade.namespace(), name);
    Written ours = written.get(upgrade.key());
    if (ours != null
        && cached
            .map(cm -> ours.ours().contains(cm.getMetadata().getResourceVersion()))
            .orElse(true)) {
      return new JournalRead.Present(ours.journal(), ours.resourceVersion());
    }
    written.remove(upgrade.key());
    return cached.map(cm -> decode(upgrade, cm)).orElseGet(JournalRead.Absent::new);
  }

  /**
   * Writes {@code next} if the journal is still at {@code prior}; throws {@link
   * JournalConflictException} otherwise.
   */
  public void write(UpgradeRequest upgrade, JournalRead prior, Journal next) {
    ConfigMap desired = configMap(upgrade, next, prior);
    ConfigMap stored;
    try {
      stored =
          prior instanceof JournalRead.Absent
              ? configMaps.create(desired)
              : configMaps.replace(desired);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        written.remove(upgrade.key());
        throw new JournalConflictException(upgrade.key(), e);
      }
      throw e;
    }
    String rv = stored.getMetadata().getResourceVersion();
    Written before = written.get(upgrade.key());
    Set<String> ours = ConcurrentHashMap.newKeySet();
    if (before != null) {
      ours.addAll(before.ours());
    }
    ours.add(rv);
    written.put(upgrade.key(), new Written(next, rv, ours));
  }

  /** Forgets what we wrote, so the next read trusts only the API server. */
  public void forget(UpgradeRequest upgrade) {
    written.remove(upgrade.key());
  }

  private JournalRead decode(UpgradeRequest upgrade, ConfigMap cm) {
    String rv = cm.getMetadata().getResourceVersion();
    try {
      Journal journal = codec.decode(cm.getData());
      if (!journal.upgrade().upgradeUid().equals(upgrade.uid())) {
        return new JournalRead.Foreign(rv, journal.upgrade().upgradeUid());
      }
      return new JournalRead.Present(journal, rv);
    } catch (JournalUnreadableException e) {
      return new JournalRead.Unreadable(
          "Journal "
              + cm.getMetadata().getNamespace()
              + "/"
              + cm.getMetadata().getName()
              + ": "
              + e.getMessage());
    }
  }

  private ConfigMap configMap(UpgradeRequest upgrade, Journal journal, JournalRead prior) {
    String rv = null;
    if (prior instanceof JournalRead.Present p) {
      rv = p.resourceVersion();
    } else if (prior instanceof JournalRead.Foreign f) {
      rv = f.resourceVersion();
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(upgrade.namespace())
        .withName(ResourceNames.journal(upgrade.name()))
        .withResourceVersion(rv)
        .addToLabels(ResourceNames.UPGRADE_LABEL, upgrade.name())
        .addToLabels(ResourceNames.MANAGED_BY_LABEL, ResourceNames.MANAGED_BY)
        .withOwnerReferences(owner(upgrade))
        .endMetadata()
        .withData(codec.encode(journal))
        .build();
  }

  public static OwnerReference owner(UpgradeRequest upgrade) {
    return new OwnerReferenceBuilder()
        .withApiVersion("harvesterhci.io/v1beta1")
        .withKind("Upgrade")
        .withName(upgrade.name())
        .withUid(upgrade.uid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }
}
