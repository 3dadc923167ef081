package io.hvst.controller.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hvst.controller.observe.KubeVirt;

/** VirtualMachines: stopped and started by their {@code spec.runStrategy}. */
public final class VirtualMachineAdapter {

  private final KubernetesClient client;
  private final KubeCalls calls;

  public VirtualMachineAdapter(KubernetesClient client, KubeCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** Sets the runStrategy (Halted stops the VM); returns the new resourceVersion. */
  public String setRunStrategy(String namespace, String name, String runStrategy) {
    GenericKubernetesResource named = new GenericKubernetesResource();
    named.setApiVersion("kubevirt.io/v1");
    named.setKind("VirtualMachine");
    named.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    String patch = "{\"spec\":{\"runStrategy\":\"" + runStrategy + "\"}}";
    GenericKubernetesResource updated =
        calls.call(
            "set runStrategy of " + namespace + "/" + name,
            () ->
                client
                    .genericKubernetesResources(KubeVirt.VM)
                    .inNamespace(namespace)
                    .resource(named)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    return updated.getMetadata().getResourceVersion();
  }
}
