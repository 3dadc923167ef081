package io.hvst.simulator.api;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hvst.simulator.kube.Json;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KubeVirt's migration-create-validator webhook: a VirtualMachineInstanceMigration is refused for a
 * VMI that does not exist, has finished, is not live-migratable, or is already migrating.
 */
public final class MigrationAdmission implements ApiBehaviour {

  static final String PREFIX =
      "admission webhook \"migration-create-validator.kubevirt.io\" denied the request: ";
  private static final Pattern VMIMS =
      Pattern.compile("^/apis/kubevirt.io/v1/namespaces/([^/]+)/virtualmachineinstancemigrations$");
  private static final Set<String> FINAL = Set.of("Succeeded", "Failed");

  private final Store store;

  public MigrationAdmission(Store store) {
    this.store = store;
  }

  @Override
  public MockResponse handle(RecordedRequest request, SimulatorDispatcher dispatcher) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      return null;
    }
    Matcher m = VMIMS.matcher(Store.route(request));
    return m.matches() ? admit(m.group(1), request) : null;
  }

  private synchronized MockResponse admit(String namespace, RecordedRequest request) {
    GenericKubernetesResource vmim =
        store.serialization().unmarshal(Store.peekBody(request), GenericKubernetesResource.class);
    String vmiName = Json.of(vmim.get("spec")).text("vmiName");
    Optional<String> refusal = refusal(namespace, vmiName);
    if (refusal.isPresent()) {
      return Statuses.failure(
          422,
          "Invalid",
          PREFIX + refusal.get(),
          "virtualmachineinstancemigrations",
          vmim.getMetadata().getName());
    }
    return store.create(request);
  }

  private Optional<String> refusal(String namespace, String vmiName) {
    if (vmiName.isEmpty()) {
      return Optional.of("vmiName is missing");
    }
    Optional<GenericKubernetesResource> vmi =
        store.get(
            "/apis/kubevirt.io/v1/namespaces/" + namespace + "/virtualmachineinstances/" + vmiName,
            GenericKubernetesResource.class);
    if (vmi.isEmpty()) {
      return Optional.of("the VMI \"" + namespace + "/" + vmiName + "\" does not exist");
    }
    Json status = Json.of(vmi.get().get("status"));
    if (FINAL.contains(status.text("phase"))) {
      return Optional.of("Cannot migrate VMI in finalized state.");
    }
    for (Json c : status.list("conditions")) {
      if ("LiveMigratable".equals(c.text("type")) && "False".equals(c.text("status"))) {
        return Optional.of(
            "Cannot migrate VMI, Reason: " + c.text("reason") + ", Message: " + c.text("message"));
      }
    }
    return inFlight(namespace, vmiName)
        .map(
            uid ->
                "in-flight migration detected. Active migration job ("
                    + uid
                    + ") is currently already in progress for VMI "
                    + vmiName
                    + ".");
  }

  private Optional<String> inFlight(String namespace, String vmiName) {
    return store
        .list(
            "/apis/kubevirt.io/v1/namespaces/" + namespace + "/virtualmachineinstancemigrations",
            GenericKubernetesResource.class)
        .stream()
        .filter(m -> vmiName.equals(Json.of(m.get("spec")).text("vmiName")))
        .filter(m -> !FINAL.contains(Json.of(m.get("status")).text("phase")))
        .map(m -> m.getMetadata().getUid())
        .findFirst();
  }
}
