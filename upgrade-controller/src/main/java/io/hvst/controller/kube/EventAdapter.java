package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on Upgrades and Nodes. Events are a courtesy: one that cannot be written is
 * logged and dropped, never allowed to block the upgrade.
 */
public final class EventAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(EventAdapter.class);
  static final String COMPONENT = "hvst-upgrade-controller";

  private final KubernetesClient client;
  private final Clock clock;

  public EventAdapter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public static ObjectReference upgradeRef(String namespace, String name, String uid) {
    return new ObjectReferenceBuilder()
        .withApiVersion("harvesterhci.io/v1beta1")
        .withKind("Upgrade")
        .withNamespace(namespace)
        .withName(name)
        .withUid(uid)
        .build();
  }

  public static ObjectReference nodeRef(String name) {
    return new ObjectReferenceBuilder()
        .withApiVersion("v1")
        .withKind("Node")
        .withName(name)
        .withUid(name)
        .build();
  }

  /** Records an event; {@code warning} marks failures and blocks. */
  public void record(
      ObjectReference about, String namespace, boolean warning, String reason, String message) {
    Instant now = clock.instant();
    String name =
        (about.getName()
                + "."
                + Long.toHexString(now.toEpochMilli())
                + Long.toHexString(System.nanoTime() & 0xffff))
            .toLowerCase(Locale.ROOT);
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(about)
            .withReason(reason)
            .withMessage(message)
            .withType(warning ? "Warning" : "Normal")
            .withFirstTimestamp(now.toString())
            .withLastTimestamp(now.toString())
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.debug("Could not record event {} on {}: {}", reason, about.getName(), e.getMessage());
    }
  }
}
