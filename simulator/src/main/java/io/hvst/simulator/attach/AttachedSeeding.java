package io.hvst.simulator.attach;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.hvst.simulator.seed.Crds;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a real API server needs before the simulator's objects can be created in it, which the mock
 * does not: the server answering, the CRDs Established, the namespaces present (some exist
 * already), and each namespace's {@code default} ServiceAccount (Pod admission refuses a Pod
 * without it; the ServiceAccount controller creates it shortly after the namespace).
 */
final class AttachedSeeding {

  static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private AttachedSeeding() {}

  static void prepare(KubernetesClient client, Collection<String> namespaces) {
    awaitServer(client);
    for (CustomResourceDefinition crd : Crds.definitions(client)) {
      client.resource(crd).createOr(NonDeletingOperation::update);
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(AttachedSeeding::established, seconds(), TimeUnit.SECONDS);
    }
    for (String ns : namespaces) {
      if (client.namespaces().withName(ns).get() == null) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
      client
          .serviceAccounts()
          .inNamespace(ns)
          .withName("default")
          .waitUntilCondition(Objects::nonNull, seconds(), TimeUnit.SECONDS);
    }
  }

  /**
   * Waits until the server serves {@code kube-node-lease}, which exists once it finished start-up.
   */
  private static void awaitServer(KubernetesClient client) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    KubernetesClientException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (client.namespaces().withName(NodeLeases.NAMESPACE).get() != null) {
          return;
        }
      } catch (KubernetesClientException e) {
        last = e;
      }
      sleep();
    }
    throw new IllegalStateException(
        "the API server at " + client.getMasterUrl() + " did not become ready", last);
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static long seconds() {
    return READY_TIMEOUT.toSeconds();
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the API server", e);
    }
  }
}
