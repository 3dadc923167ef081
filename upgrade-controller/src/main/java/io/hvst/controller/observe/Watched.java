package io.hvst.controller.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One informer and the core views of what it holds, translated once per change. A change that
 * leaves the view as it was (a heartbeat, a status field nobody decides on) triggers nothing.
 */
final class Watched<T extends HasMetadata, V> implements ResourceEventHandler<T> {

  private final SharedIndexInformer<T> informer;
  private final Function<T, V> translate;
  private final Runnable onChange;
  private final Map<String, V> views = new ConcurrentHashMap<>();

  Watched(SharedIndexInformer<T> informer, Function<T, V> translate, Runnable onChange) {
    this.informer = informer;
    this.translate = translate;
    this.onChange = onChange;
    informer.addEventHandler(this);
  }

  SharedIndexInformer<T> informer() {
    return informer;
  }

  List<V> views() {
    return List.copyOf(views.values());
  }

  List<T> objects() {
    return informer.getStore().list();
  }

  Optional<T> get(String namespace, String name) {
    String key =
        namespace == null || namespace.isEmpty() ? name : Cache.namespaceKeyFunc(namespace, name);
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  @Override
  public void onAdd(T obj) {
    views.put(Cache.metaNamespaceKeyFunc(obj), translate.apply(obj));
    onChange.run();
  }

  @Override
  public void onUpdate(T before, T after) {
    V view = translate.apply(after);
    V old = views.put(Cache.metaNamespaceKeyFunc(after), view);
    if (!Objects.equals(old, view)) {
      onChange.run();
    }
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    views.remove(Cache.metaNamespaceKeyFunc(obj));
    onChange.run();
  }
}
