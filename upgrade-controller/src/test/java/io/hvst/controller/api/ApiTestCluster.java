package io.hvst.controller.api;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.hvst.controller.journal.JournalCodec;
import io.hvst.controller.kube.Upgrade;
import io.hvst.controller.observe.KubeVirt;
import io.hvst.statemachine.cluster.VmView;
import io.hvst.statemachine.decide.ResourceNames;
import io.hvst.statemachine.journal.Journal;
import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One fabric8 mock API server (CRUD mode) per test JVM, shared by the Spring context the API tests
 * share. {@link ApiTestWorld} seeds it before the context starts, so the caches sync with
 * everything in them. A Lease held by another replica keeps this controller from ever leading: its
 * loop never acts, nothing changes under the tests, and the API is shown to serve from a replica
 * that is not the leader.
 */
final class ApiTestCluster {

  static final String NAMESPACE = "harvester-system";

  private static ApiTestCluster instance;

  private final CountingCrudDispatcher dispatcher = new CountingCrudDispatcher();
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private ApiTestCluster() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url("/"))
            .withHttp2Disable(true)
            .withUserAgent("api-test-seeder")
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  static synchronized ApiTestCluster get() {
    if (instance == null) {
      ApiTestCluster cluster = new ApiTestCluster();
      cluster.installCrds();
      cluster.leaseHeldByAnotherReplica();
      ApiTestWorld.seed(cluster);
      instance = cluster;
    }
    return instance;
  }

  String url() {
    return server.url("/");
  }

  KubernetesClient client() {
    return client;
  }

  /** Requests the controller made, leader election aside. */
  long controllerRequests() {
    return dispatcher.controllerRequests();
  }

  Upgrade create(Upgrade upgrade) {
    return client.resources(Upgrade.class).inNamespace(NAMESPACE).resource(upgrade).create();
  }

  void createJournal(String upgrade, Journal journal) {
    createJournalData(upgrade, new JournalCodec().encode(journal));
  }

  void createJournalData(String upgrade, Map<String, String> data) {
    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName(ResourceNames.journal(upgrade))
                .addToLabels(ResourceNames.MANAGED_BY_LABEL, ResourceNames.MANAGED_BY)
                .addToLabels(ResourceNames.UPGRADE_LABEL, upgrade)
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  void createNode(String name, boolean management, String version) {
    NodeBuilder node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels("kubernetes.io/hostname", name)
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .withNewNodeInfo()
            .withOsImage("Harvester " + version)
            .endNodeInfo()
            .endStatus();
    if (management) {
      node.editMetadata()
          .addToLabels("node-role.kubernetes.io/control-plane", "true")
          .addToLabels("node-role.kubernetes.io/etcd", "true")
          .endMetadata();
    }
    client.nodes().resource(node.build()).create();
  }

  void createVmi(String namespace, String name, String node) {
    createVmi(namespace, name, node, Map.of());
  }

  /** Harvester's upgrade-repo VM of {@code upgrade}, running on {@code node}. */
  void createRepoVmi(String upgrade, String node) {
    createVmi(NAMESPACE, "upgrade-repo-" + upgrade, node, Map.of(VmView.COMPONENT_LABEL, "repo"));
  }

  private void createVmi(String namespace, String name, String node, Map<String, String> labels) {
    GenericKubernetesResource vmi = new GenericKubernetesResource();
    vmi.setApiVersion("kubevirt.io/v1");
    vmi.setKind("VirtualMachineInstance");
    vmi.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels).build());
    vmi.setAdditionalProperty("spec", Map.of("evictionStrategy", "LiveMigrate"));
    vmi.setAdditionalProperty(
        "status",
        Map.of(
            "nodeName",
            node,
            "phase",
            "Running",
            "conditions",
            List.of(Map.of("type", "LiveMigratable", "status", "True"))));
    client.genericKubernetesResources(KubeVirt.VMI).inNamespace(namespace).resource(vmi).create();
  }

  private void installCrds() {
    crd("harvesterhci.io", "v1beta1", "Upgrade", "upgrades");
    for (ResourceDefinitionContext kind : List.of(KubeVirt.VMI, KubeVirt.MIGRATION, KubeVirt.VM)) {
      crd(kind.getGroup(), kind.getVersion(), kind.getKind(), kind.getPlural());
    }
  }

  private void crd(String group, String version, String kind, String plural) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(plural + "." + group)
                .endMetadata()
                .withNewSpec()
                .withGroup(group)
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind)
                .withPlural(plural)
                .withSingular(kind.toLowerCase(java.util.Locale.ROOT))
                .endNames()
                .addNewVersion()
                .withName(version)
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build())
        .create();
  }

  private void leaseHeldByAnotherReplica() {
    client
        .leases()
        .inNamespace(NAMESPACE)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName("hvst-upgrade-controller")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("another-replica")
                .withLeaseDurationSeconds(3600)
                .withAcquireTime(ZonedDateTime.now(ZoneOffset.UTC))
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                .withLeaseTransitions(0)
                .endSpec()
                .build())
        .create();
  }
}
