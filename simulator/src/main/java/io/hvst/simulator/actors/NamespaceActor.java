package io.hvst.simulator.actors;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A controller that recomputes a whole namespace when anything in it changes; changes that come
 * close together are synced once.
 */
abstract class NamespaceActor {

  private static final long SETTLE_MILLIS = 10;
  private final ScheduledExecutorService timers;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();

  NamespaceActor(ScheduledExecutorService timers) {
    this.timers = timers;
  }

  protected abstract void sync(String namespace);

  /** A listener that queues the namespace of whatever changed. */
  protected <T> Informers.Listener<T> changes(Function<T, ObjectMeta> meta) {
    return new Informers.Listener<>() {
      @Override
      public void added(T object) {
        queue(meta.apply(object).getNamespace());
      }

      @Override
      public void updated(T before, T after) {
        queue(meta.apply(after).getNamespace());
      }

      @Override
      public void deleted(T object) {
        queue(meta.apply(object).getNamespace());
      }
    };
  }

  protected void queue(String namespace) {
    if (namespace != null && queued.add(namespace)) {
      ScheduledFuture<?> unused =
          timers.schedule(() -> run(namespace), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Syncs again a little later (a write conflicted: the cache will have caught up). */
  protected void retry(String namespace) {
    queue(namespace);
  }

  private void run(String namespace) {
    queued.remove(namespace);
    synchronized (this) {
      sync(namespace);
    }
  }
}
