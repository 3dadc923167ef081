package io.hvst.simulator.kube;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/** Informer handlers that hand each added or updated object to a consumer; deletes are ignored. */
public final class ChangeHandlers {

  private ChangeHandlers() {}

  /** Calls {@code compare(before, after)} on every update (to count), then {@code seen}. */
  public static <T> ResourceEventHandler<T> onChange(Consumer<T> seen, BiPredicate<T, T> compare) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        seen.accept(obj);
      }

      @Override
      public void onUpdate(T before, T after) {
        boolean unused = compare.test(before, after);
        seen.accept(after);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }

  /** Hands every added or updated object to {@code seen}. */
  public static <T> ResourceEventHandler<T> onChange(Consumer<T> seen) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        seen.accept(obj);
      }

      @Override
      public void onUpdate(T before, T after) {
        seen.accept(after);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }
}
