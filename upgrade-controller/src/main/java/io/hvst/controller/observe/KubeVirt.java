package io.hvst.controller.observe;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** KubeVirt resources, addressed without API discovery (fabric8 has no typed model for them). */
public final class KubeVirt {

  public static final ResourceDefinitionContext VMI =
      new ResourceDefinitionContext.Builder()
          .withGroup("kubevirt.io")
          .withVersion("v1")
          .withKind("VirtualMachineInstance")
          .withPlural("virtualmachineinstances")
          .withNamespaced(true)
          .build();

  public static final ResourceDefinitionContext MIGRATION =
      new ResourceDefinitionContext.Builder()
          .withGroup("kubevirt.io")
          .withVersion("v1")
          .withKind("VirtualMachineInstanceMigration")
          .withPlural("virtualmachineinstancemigrations")
          .withNamespaced(true)
          .build();

  public static final ResourceDefinitionContext VM =
      new ResourceDefinitionContext.Builder()
          .withGroup("kubevirt.io")
          .withVersion("v1")
          .withKind("VirtualMachine")
          .withPlural("virtualmachines")
          .withNamespaced(true)
          .build();

  private KubeVirt() {}
}
