package io.hvst.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment manifests, alert rules and dashboard under {@code ../manifests}: they parse,
 * kustomize lists them all, every object is what Kubernetes would accept, RBAC grants exactly what
 * the controller uses, and every PromQL expression speaks only of the controller's fixed metric
 * names. The rules are checked and unit-tested with promtool, skipped (visibly) where it is not
 * installed.
 */
class ManifestsIT {

  private static final Path MANIFESTS = Path.of("..", "manifests");
  private static final Path RULE_TESTS = MANIFESTS.resolve("tests/alerts-test.yaml");
  private static final Path DASHBOARD_JSON =
      MANIFESTS.resolve("grafana/hvst-upgrade-dashboard.json");
  private static final Path CRD = Path.of("crds", "harvesterhci.io_upgrades.yaml");
  private static final Path SIMULATOR_CRD =
      Path.of("..", "simulator", "src", "main", "resources").resolve(CRD);
  private static final Path RUNBOOKS = Path.of("..", "docs", "runbooks.md");

  private static final String NAMESPACE = "harvester-system";
  private static final String NAME = "hvst-upgrade-controller";
  private static final String PROMTOOL_MISSING =
      "promtool not installed: `apt-get install -y prometheus` (Debian) provides /usr/bin/promtool";

  /** The controller's metrics (DESIGN.md section 5), as Prometheus names them. */
  private static final Set<String> HVST_METRICS =
      Set.of(
          "hvst_upgrade_nodes",
          "hvst_upgrade_phase_seconds_bucket",
          "hvst_upgrade_phase_seconds_count",
          "hvst_upgrade_phase_seconds_sum",
          "hvst_upgrade_vm_migrations_total",
          "hvst_upgrade_vm_migration_seconds_bucket",
          "hvst_upgrade_vm_migration_seconds_count",
          "hvst_upgrade_vm_migration_seconds_sum",
          "hvst_upgrade_in_progress",
          "hvst_upgrade_step_failures_total",
          "hvst_upgrade_blocked",
          "hvst_upgrade_ignored_inputs",
          "hvst_upgrade_scheduling_drift_total",
          "hvst_upgrade_leader");

  private static final List<String> OTHER_METRIC_PREFIXES =
      List.of("resilience4j_", "jvm_", "process_");

  /** The node steps, each with the HVST_TIMEOUTS_* variable that bounds it. */
  private static final List<String> STEPS =
      List.of(
          "PRE_DRAIN", "REPO_VM_MIGRATION", "DRAIN", "UPGRADE", "POST_DRAIN", "RESTORE_SCHEDULING");

  /** What the controller touches: one row per API group and resource. */
  record Grant(String role, String group, String resource, Set<String> verbs) {
    static Grant cluster(String group, String resource, String... verbs) {
      return new Grant("ClusterRole", group, resource, Set.of(verbs));
    }

    static Grant namespaced(String group, String resource, String... verbs) {
      return new Grant("Role", group, resource, Set.of(verbs));
    }

    Stream<String> permissions() {
      return verbs.stream().map(v -> role + " " + group + "/" + resource + " " + v);
    }
  }

  private static final List<Grant> GRANTS =
      List.of(
          Grant.cluster("harvesterhci.io", "upgrades", "get", "list", "watch", "patch", "update"),
          Grant.cluster("", "nodes", "get", "list", "watch", "patch"),
          Grant.cluster("", "pods", "get", "list", "watch", "delete"),
          Grant.cluster("", "pods/eviction", "create"),
          Grant.cluster("batch", "jobs", "get", "list", "watch", "create", "delete"),
          Grant.cluster(
              "", "configmaps", "get", "list", "watch", "create", "update", "patch", "delete"),
          Grant.cluster("", "events", "create", "patch"),
          Grant.cluster("events.k8s.io", "events", "create", "patch"),
          Grant.cluster("kubevirt.io", "virtualmachineinstances", "get", "list", "watch"),
          Grant.cluster(
              "kubevirt.io",
              "virtualmachineinstancemigrations",
              "get",
              "list",
              "watch",
              "create",
              "delete"),
          Grant.cluster(
              "kubevirt.io", "virtualmachines", "get", "list", "watch", "patch", "update"),
          Grant.cluster("", "resourcequotas", "get", "list", "watch", "update", "patch"),
          Grant.cluster("policy", "poddisruptionbudgets", "get", "list", "watch"),
          Grant.namespaced(
              "coordination.k8s.io",
              "leases",
              "get",
              "list",
              "watch",
              "create",
              "update",
              "patch"));

  private static final YAMLMapper YAML = yamlMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization KUBE = new KubernetesSerialization();

  /**
   * Binds like the API server with strict field validation (kubectl's default): an unknown or
   * misspelt field fails instead of landing in the models' catch-all additionalProperties.
   */
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .annotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                  return Boolean.FALSE;
                }
              })
          .build();

  private static List<Path> resources;
  private static List<JsonNode> documents;
  private static List<HasMetadata> objects;

  @BeforeAll
  static void load() throws IOException {
    JsonNode kustomization = readYaml(MANIFESTS.resolve("kustomization.yaml")).get(0);
    resources = new ArrayList<>();
    kustomization.path("resources").forEach(r -> resources.add(Path.of(r.asText())));
    documents = new ArrayList<>();
    for (Path resource : resources) {
      documents.addAll(readYaml(MANIFESTS.resolve(resource)));
    }
    objects = new ArrayList<>();
    for (JsonNode document : documents) {
      KubernetesResource object =
          KUBE.unmarshal(JSON.writeValueAsString(document), KubernetesResource.class);
      assertThat(object)
          .as("a Kubernetes object: %s", document.path("kind"))
          .isInstanceOf(HasMetadata.class);
      objects.add((HasMetadata) object);
    }
  }

  // --- Files and kustomize

  @Test
  void everyYamlDocumentUnderManifestsParsesWithoutDuplicateKeys() throws IOException {
    List<Path> files = yamlFiles();
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      assertThatCode(() -> assertThat(readYaml(file)).as("documents of %s", file).isNotEmpty())
          .as("%s parses", file)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void kustomizationListsExactlyTheManifestFiles() throws IOException {
    JsonNode kustomization = readYaml(MANIFESTS.resolve("kustomization.yaml")).get(0);
    assertThat(kustomization.path("namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(kustomization.path("commonLabels").path("app.kubernetes.io/name").asText())
        .isEqualTo(NAME);

    Set<Path> expected = new TreeSet<>();
    for (Path file : yamlFiles()) {
      Path relative = MANIFESTS.relativize(file);
      if (!relative.equals(Path.of("kustomization.yaml")) && !relative.startsWith("tests")) {
        expected.add(relative);
      }
    }
    assertThat(resources).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(resources)).isEqualTo(expected);
  }

  @Test
  void crdIsHarvestersOwnByteForByte() throws IOException {
    assertThat(Files.mismatch(MANIFESTS.resolve(CRD), SIMULATOR_CRD))
        .as("%s differs from %s at this byte", MANIFESTS.resolve(CRD), SIMULATOR_CRD)
        .isEqualTo(-1L);
    CustomResourceDefinition crd = only(CustomResourceDefinition.class);
    assertThat(crd.getMetadata().getName()).isEqualTo("upgrades.harvesterhci.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
  }

  // --- Objects

  @Test
  void everyObjectIsOfAnExpectedKindWithOnlyKnownFields() {
    Map<String, Long> kinds =
        objects.stream()
            .collect(
                Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("CustomResourceDefinition", 1L),
                Map.entry("ServiceAccount", 1L),
                Map.entry("ClusterRole", 1L),
                Map.entry("ClusterRoleBinding", 1L),
                Map.entry("Role", 1L),
                Map.entry("RoleBinding", 1L),
                Map.entry("ConfigMap", 2L),
                Map.entry("Deployment", 1L),
                Map.entry("Service", 1L),
                Map.entry("ServiceMonitor", 1L),
                Map.entry("PrometheusRule", 1L),
                Map.entry("PodDisruptionBudget", 1L),
                Map.entry("NetworkPolicy", 1L)));

    for (int i = 0; i < objects.size(); i++) {
      HasMetadata object = objects.get(i);
      JsonNode document = documents.get(i);
      String what = object.getKind() + "/" + object.getMetadata().getName();
      if (!(object instanceof CustomResourceDefinition)) {
        // Labelled in each file too, so that `kubectl apply -f` of one file stays selectable;
        // the CRD is Harvester's, unchanged (kustomize's commonLabels label it when applied).
        assertThat(object.getMetadata().getLabels())
            .as("labels of %s", what)
            .containsEntry("app.kubernetes.io/name", NAME);
      }
      if (object instanceof GenericKubernetesResource) {
        assertThat(object.getApiVersion()).as(what).isEqualTo("monitoring.coreos.com/v1");
        continue;
      }
      assertThatCode(() -> STRICT.convertValue(document, object.getClass()))
          .as("%s has only fields that %s knows", what, object.getClass().getSimpleName())
          .doesNotThrowAnyException();
      boolean clusterScoped =
          object instanceof ClusterRole
              || object instanceof ClusterRoleBinding
              || object instanceof CustomResourceDefinition;
      assertThat(object.getMetadata().getNamespace())
          .as("namespace of %s", what)
          .isEqualTo(clusterScoped ? null : NAMESPACE);
    }
  }

  @Test
  void deploymentRunsTwoHardenedReplicasOnManagementNodes() {
    Deployment deployment = only(Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName())
        .isEqualTo(only(ServiceAccount.class).getMetadata().getName());
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.getNodeSelector())
        .containsEntry("node-role.kubernetes.io/control-plane", "true");
    assertThat(pod.getTolerations())
        .extracting(Toleration::getKey, Toleration::getEffect)
        .contains(
            tuple("node-role.kubernetes.io/control-plane", "NoSchedule"),
            tuple("node-role.kubernetes.io/etcd", "NoExecute"));
    List<WeightedPodAffinityTerm> spread =
        pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
    assertThat(spread).hasSize(1);
    assertThat(spread.get(0).getPodAffinityTerm().getTopologyKey())
        .isEqualTo("kubernetes.io/hostname");
    assertThat(podLabels)
        .containsAllEntriesOf(
            spread.get(0).getPodAffinityTerm().getLabelSelector().getMatchLabels());

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("ghcr.io/hvst/upgrade-controller:0.1.0");
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");

    var security = container.getSecurityContext();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/tmp");
              assertThat(pod.getVolumes())
                  .anySatisfy(
                      v -> {
                        assertThat(v.getName()).isEqualTo(m.getName());
                        assertThat(v.getEmptyDir()).isNotNull();
                      });
            });

    assertThat(bytes(container.getResources().getRequests().get("cpu"))).isEqualTo("0.1");
    assertThat(bytes(container.getResources().getRequests().get("memory")))
        .isEqualTo(String.valueOf(256L << 20));
    assertThat(bytes(container.getResources().getLimits().get("cpu"))).isEqualTo("1");
    assertThat(bytes(container.getResources().getLimits().get("memory")))
        .isEqualTo(String.valueOf(512L << 20));

    assertThat(env(container, "JAVA_TOOL_OPTIONS").getValue()).contains("-XX:MaxRAMPercentage=75");
    assertThat(env(container, "HVST_LEADERELECTION_IDENTITY").getValueFrom().getFieldRef())
        .satisfies(f -> assertThat(f.getFieldPath()).isEqualTo("metadata.name"));
    assertThat(container.getEnvFrom())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getConfigMapRef().getName())
                    .isEqualTo(config().getMetadata().getName()));
    assertThat(config().getData()).containsEntry("HVST_UPGRADE_MAXUNAVAILABLE", "1");
  }

  @Test
  void serviceMonitorScrapesTheServiceThatSelectsThePods() {
    Map<String, String> podLabels =
        only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    Service service = only(Service.class);
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getPort()).isEqualTo(8080);
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });

    JsonNode monitor = document("ServiceMonitor").path("spec");
    assertThat(labels(monitor.path("selector").path("matchLabels")))
        .isNotEmpty()
        .isSubsetOf(service.getMetadata().getLabels().entrySet());
    JsonNode endpoint = monitor.path("endpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo("http");
    assertThat(endpoint.path("path").asText()).isEqualTo("/actuator/prometheus");
    // The alerts on `up` filter on job="hvst-upgrade-controller": the job is the Service name.
    assertThat(service.getMetadata().getName()).isEqualTo(NAME);
    assertThat(monitor.has("jobLabel")).isFalse();
  }

  @Test
  void pdbKeepsOneReplicaAndNetworkPolicyOpensOnlyHttpInAndApiAndDnsOut() {
    Map<String, String> podLabels =
        only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    PodDisruptionBudget pdb = only(PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());

    NetworkPolicy policy = only(NetworkPolicy.class);
    assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(
            policy.getSpec().getIngress().stream()
                .flatMap(r -> r.getPorts().stream())
                .map(ManifestsIT::port))
        .containsExactly("TCP/8080");
    assertThat(
            policy.getSpec().getEgress().stream()
                .flatMap(r -> r.getPorts().stream())
                .map(ManifestsIT::port))
        .containsExactlyInAnyOrder("TCP/443", "TCP/6443", "UDP/53", "TCP/53");
  }

  // --- RBAC

  static Stream<Grant> grants() {
    return GRANTS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grants")
  void rbacGrantsWhatTheControllerUses(Grant grant) {
    assertThat(permissions()).containsAll(grant.permissions().toList());
  }

  @Test
  void rbacGrantsNothingElseAndBindsTheControllersAccount() {
    assertThat(permissions())
        .containsExactlyInAnyOrderElementsOf(GRANTS.stream().flatMap(Grant::permissions).toList());

    Role role = only(Role.class);
    String lease = config().getData().get("HVST_LEADERELECTION_LEASENAME");
    assertThat(lease).isEqualTo(NAME);
    for (PolicyRule rule : role.getRules()) {
      // Every Lease verb but create is pinned to the controller's own Lease.
      if (!rule.getVerbs().equals(List.of("create"))) {
        assertThat(rule.getResourceNames()).as("Lease rule %s", rule).containsExactly(lease);
      }
    }

    ServiceAccount account = only(ServiceAccount.class);
    Subject subject = new Subject(null, "ServiceAccount", NAME, NAMESPACE);
    assertThat(account.getMetadata().getName()).isEqualTo(subject.getName());
    ClusterRoleBinding clusterBinding = only(ClusterRoleBinding.class);
    assertThat(clusterBinding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(clusterBinding.getRoleRef().getName())
        .isEqualTo(only(ClusterRole.class).getMetadata().getName());
    assertThat(clusterBinding.getSubjects()).containsExactly(subject);
    RoleBinding binding = only(RoleBinding.class);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).containsExactly(subject);
  }

  // --- Rules and dashboard

  @Test
  void everyAlertHasSeverityTextAndARunbookSection() throws IOException {
    Set<String> anchors = runbookAnchors();
    List<JsonNode> alerts = rules().stream().filter(r -> r.has("alert")).toList();
    assertThat(alerts)
        .extracting(r -> r.path("alert").asText())
        .doesNotHaveDuplicates()
        .contains(
            "HvstUpgradeStepStalled",
            "HvstUpgradeNodeFailed",
            "HvstUpgradeVmMigrationFailures",
            "HvstUpgradeBlocked",
            "HvstUpgradeSchedulingDrift",
            "HvstUpgradeApiCircuitOpen",
            "HvstUpgradeControllerDown");
    Set<String> alertAnchors = new TreeSet<>();
    for (JsonNode alert : alerts) {
      String name = alert.path("alert").asText();
      assertThat(alert.path("labels").path("severity").asText())
          .as("severity of %s", name)
          .isIn("critical", "warning", "info");
      assertThat(alert.path("annotations").path("summary").asText()).as(name).isNotBlank();
      assertThat(alert.path("annotations").path("description").asText()).as(name).isNotBlank();
      String anchor = name.toLowerCase(Locale.ROOT);
      assertThat(alert.path("annotations").path("runbook_url").asText())
          .as("runbook_url of %s", name)
          .endsWith("docs/runbooks.md#" + anchor);
      assertThat(anchors).as("sections of %s", RUNBOOKS).contains(anchor);
      alertAnchors.add(anchor);
    }
    assertThat(anchors.stream().filter(a -> a.startsWith("hvstupgrade")))
        .as("runbook sections without an alert")
        .allMatch(alertAnchors::contains);
  }

  @Test
  void rulesUseOnlyTheControllersMetricsAndTheirOwnRecordings() throws IOException {
    Set<String> recorded =
        rules().stream()
            .filter(r -> r.has("record"))
            .map(r -> r.path("record").asText())
            .collect(Collectors.toSet());
    Set<String> used = new TreeSet<>();
    for (JsonNode rule : rules()) {
      String expr = rule.path("expr").asText();
      assertThat(expr).as("rule %s", rule).isNotBlank();
      Set<String> names = metricNames(expr);
      assertThat(names).as("metrics of %s", expr).isNotEmpty();
      assertThat(names)
          .as("metrics of %s", expr)
          .allMatch(n -> isKnownMetric(n) || recorded.contains(n));
      used.addAll(names);
    }
    assertThat(used)
        .contains(
            "hvst_upgrade_nodes",
            "hvst_upgrade_blocked",
            "hvst_upgrade_vm_migrations_total",
            "hvst_upgrade_scheduling_drift_total",
            "hvst_upgrade_phase_seconds_count",
            "hvst_upgrade_leader",
            "up");
  }

  @Test
  void stallWindowsOutlastTheConfiguredStepTimeouts() throws IOException {
    Map<String, String> stallAfter = new TreeMap<>();
    for (JsonNode rule : rules()) {
      if (!rule.path("record").asText().equals("hvst_upgrade:step_stalled")) {
        continue;
      }
      String state = rule.path("labels").path("state").asText();
      String window = rule.path("labels").path("stall_after").asText();
      String expr = rule.path("expr").asText();
      assertThat(stallAfter.put(state, window)).as("two stall rules for %s", state).isNull();
      Matcher windows = Pattern.compile("\\[(\\w+)]|offset (\\w+)").matcher(expr);
      int count = 0;
      while (windows.find()) {
        count++;
        String used = windows.group(1) != null ? windows.group(1) : windows.group(2);
        assertThat(used).as("windows of the %s stall rule", state).isEqualTo(window);
      }
      assertThat(count).isEqualTo(4);
      assertThat(expr).contains("state=\"" + state + "\"", "phase=\"" + state + "\"");
    }
    assertThat(stallAfter.keySet()).containsExactlyInAnyOrderElementsOf(STEPS);
    for (String step : STEPS) {
      String timeout = config().getData().get("HVST_TIMEOUTS_" + step.replace("_", ""));
      assertThat(timeout).as("timeout of %s in the ConfigMap", step).isNotNull();
      assertThat(duration(stallAfter.get(step)))
          .as("stall window of %s", step)
          .isGreaterThan(duration(timeout));
    }
  }

  @Test
  void dashboardIsTheConfigMapsJsonAndUsesOnlyTheControllersMetrics() throws IOException {
    String json = Files.readString(DASHBOARD_JSON, StandardCharsets.UTF_8);
    ConfigMap configMap =
        only(ConfigMap.class, c -> c.getMetadata().getName().equals("hvst-upgrade-dashboard"));
    assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(configMap.getData()).containsOnlyKeys("hvst-upgrade-dashboard.json");
    assertThat(configMap.getData().get("hvst-upgrade-dashboard.json"))
        .as("the ConfigMap's copy of %s", DASHBOARD_JSON)
        .isEqualTo(json);

    JsonNode dashboard = JSON.readTree(json);
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    JsonNode variable = dashboard.path("templating").path("list").get(0);
    assertThat(variable.path("name").asText()).isEqualTo("datasource");
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");

    List<JsonNode> panels = new ArrayList<>();
    collectPanels(dashboard.path("panels"), panels);
    assertThat(panels)
        .extracting(p -> p.path("id").asInt())
        .doesNotHaveDuplicates()
        .doesNotContain(0);
    Set<String> used = new TreeSet<>();
    for (JsonNode panel : panels) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      String title = panel.path("title").asText();
      assertThat(panel.path("datasource").path("uid").asText())
          .as("datasource of %s", title)
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as("queries of %s", title).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        String expr = target.path("expr").asText();
        Set<String> names = metricNames(expr);
        assertThat(names).as("metrics of %s in %s", expr, title).isNotEmpty();
        assertThat(names)
            .as("metrics of %s in %s", expr, title)
            .allMatch(ManifestsIT::isKnownMetric);
        used.addAll(names);
      }
    }
    assertThat(used)
        .contains(
            "hvst_upgrade_nodes",
            "hvst_upgrade_in_progress",
            "hvst_upgrade_phase_seconds_bucket",
            "hvst_upgrade_vm_migrations_total",
            "hvst_upgrade_vm_migration_seconds_bucket",
            "hvst_upgrade_step_failures_total",
            "hvst_upgrade_blocked",
            "hvst_upgrade_scheduling_drift_total",
            "resilience4j_circuitbreaker_state",
            "resilience4j_retry_calls_total",
            "jvm_memory_used_bytes");
  }

  @Test
  void metricNameExtractionSeesThroughPromqlSyntax() {
    assertThat(
            metricNames(
                "histogram_quantile(0.99, sum by (le, phase) (rate(a_bucket{x=\"y(z)\", w=~\"up|b\"}"
                    + "[$__rate_interval]))) / on (job) group_left () b:rec offset 15m"
                    + " unless count without (instance) (up == 1) > 2e3 and bool_thing"))
        .containsExactlyInAnyOrder("a_bucket", "b:rec", "up", "bool_thing");
    assertThat(metricNames("absent(up{job=\"x\"} == 1)")).containsExactly("up");
    assertThat(isKnownMetric("hvst_upgrade_leaders")).isFalse();
    assertThat(isKnownMetric("hvst_upgrade_phase_seconds_bucket")).isTrue();
  }

  // --- promtool

  @Test
  void promtoolAcceptsTheRules(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Path rules = writeRuleFile(dir);
    Result result = run(dir, promtool.toString(), "check", "rules", rules.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void promtoolUnitTestsOfTheAlertsPass(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    JsonNode tests = readYaml(RULE_TESTS).get(0);
    Set<String> tested = new TreeSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode alertTest : test.path("alert_rule_test")) {
        if (!alertTest.path("exp_alerts").isEmpty()) {
          tested.add(alertTest.path("alertname").asText());
        }
      }
    }
    assertThat(tested)
        .contains("HvstUpgradeNodeFailed", "HvstUpgradeBlocked", "HvstUpgradeVmMigrationFailures");

    writeRuleFile(dir);
    Path copy = dir.resolve(RULE_TESTS.getFileName());
    Files.copy(RULE_TESTS, copy);
    Result result = run(dir, promtool.toString(), "test", "rules", copy.getFileName().toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  // --- Helpers

  private static YAMLMapper yamlMapper() {
    YAMLMapper mapper = new YAMLMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }

  private static List<JsonNode> readYaml(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        YAML.readerFor(JsonNode.class).readValues(Files.readString(file, StandardCharsets.UTF_8))) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
          assertThat(doc.isObject()).as("a document of %s is a mapping", file).isTrue();
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(MANIFESTS)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  private static <T extends HasMetadata> T only(Class<T> type) {
    return only(type, o -> true);
  }

  private static <T extends HasMetadata> T only(Class<T> type, Predicate<T> filter) {
    List<T> found =
        objects.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    assertThat(found).as("objects of kind %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private static ConfigMap config() {
    return only(
        ConfigMap.class, c -> c.getMetadata().getName().equals("hvst-upgrade-controller-config"));
  }

  private static JsonNode document(String kind) {
    List<JsonNode> found =
        documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    assertThat(found).as("documents of kind %s", kind).hasSize(1);
    return found.get(0);
  }

  private static List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    JsonNode groups = document("PrometheusRule").path("spec").path("groups");
    assertThat(groups).isNotEmpty();
    groups.forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  private static Set<Map.Entry<String, String>> labels(JsonNode map) {
    Map<String, String> labels = new TreeMap<>();
    map.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels.entrySet();
  }

  private static EnvVar env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  private static String bytes(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).stripTrailingZeros().toPlainString();
  }

  private static String port(NetworkPolicyPort port) {
    return port.getProtocol() + "/" + port.getPort().getIntVal();
  }

  /** Every (role kind, group/resource, verb) the ClusterRole and the Role grant. */
  private static List<String> permissions() {
    List<String> granted = new ArrayList<>();
    addPermissions("ClusterRole", only(ClusterRole.class).getRules(), granted);
    addPermissions("Role", only(Role.class).getRules(), granted);
    return granted.stream().distinct().toList();
  }

  private static void addPermissions(String role, List<PolicyRule> rules, List<String> granted) {
    for (PolicyRule rule : rules) {
      assertThat(rule.getVerbs()).as("verbs of %s", rule).doesNotContain("*");
      assertThat(rule.getResources()).as("resources of %s", rule).doesNotContain("*");
      assertThat(rule.getApiGroups()).as("groups of %s", rule).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).as("URLs of %s", rule).isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add(role + " " + group + "/" + resource + " " + verb);
          }
        }
      }
    }
  }

  private static boolean isKnownMetric(String name) {
    return HVST_METRICS.contains(name)
        || name.equals("up")
        || OTHER_METRIC_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private static final Pattern STRINGS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern OFFSETS = Pattern.compile("\\boffset\\s+-?\\w+");
  private static final Pattern NUMBERS =
      Pattern.compile("(?<![\\w:])\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?(?![\\w:])");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "inf", "nan", "by", "without", "on", "ignoring");

  /**
   * The metric names a PromQL expression selects: what is left once strings, label matchers,
   * ranges, label lists, offsets, numbers, operators and function names are taken out.
   */
  static Set<String> metricNames(String promql) {
    String s = STRINGS.matcher(promql).replaceAll(" ");
    s = MATCHERS.matcher(s).replaceAll(" ");
    s = RANGES.matcher(s).replaceAll(" ");
    s = LABEL_LISTS.matcher(s).replaceAll(" ");
    s = OFFSETS.matcher(s).replaceAll(" ");
    s = NUMBERS.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String rest = s.substring(m.end()).stripLeading();
      if (rest.startsWith("(") || KEYWORDS.contains(m.group().toLowerCase(Locale.ROOT))) {
        continue;
      }
      names.add(m.group());
    }
    return names;
  }

  /** GitHub's anchors of the headings of docs/runbooks.md. */
  private static Set<String> runbookAnchors() throws IOException {
    Set<String> anchors = new TreeSet<>();
    for (String line : Files.readAllLines(RUNBOOKS, StandardCharsets.UTF_8)) {
      Matcher heading = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$").matcher(line);
      if (heading.matches()) {
        anchors.add(
            heading
                .group(1)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static Duration duration(String text) {
    Matcher m = Pattern.compile("(\\d+)([smhd])").matcher(text);
    assertThat(m.matches()).as("a duration like 15m: %s", text).isTrue();
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static void collectPanels(JsonNode panels, Collection<JsonNode> into) {
    for (JsonNode panel : panels) {
      into.add(panel);
      collectPanels(panel.path("panels"), into);
    }
  }

  /** The PrometheusRule's spec as a Prometheus rule file, where promtool expects it. */
  private static Path writeRuleFile(Path dir) throws IOException {
    Path file = dir.resolve("prometheusrule-spec.yaml");
    Files.writeString(
        file,
        YAML.writeValueAsString(document("PrometheusRule").path("spec")),
        StandardCharsets.UTF_8);
    return file;
  }

  private static Path promtool() {
    Optional<Path> found =
        Pattern.compile(Pattern.quote(File.pathSeparator))
            .splitAsStream(Optional.ofNullable(System.getenv("PATH")).orElse(""))
            .filter(d -> !d.isBlank())
            .map(d -> Path.of(d, "promtool"))
            .filter(Files::isExecutable)
            .findFirst();
    assumeTrue(found.isPresent(), PROMTOOL_MISSING);
    return found.orElseThrow();
  }

  record Result(int exitCode, String output) {}

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish:\n" + output);
    }
    return new Result(process.exitValue(), String.join(" ", command) + "\n" + output);
  }
}
