package dev.railway.engine;

import dev.railway.store.ForwardingStore;
import dev.railway.store.Lock;
import dev.railway.store.Store;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A view of a store that lets a race test hold a racer right after it wrote its lock, so that both
 * racers' locks exist before either looks at the others: the interleaving the algorithms must
 * survive. Everything else goes straight to the shared store.
 */
final class RacingStore extends ForwardingStore {
  private volatile Consumer<Lock> afterWriteLock = lock -> {};

  RacingStore(Store shared) {
    super(shared);
  }

  void afterWriteLock(Consumer<Lock> hook) {
    this.afterWriteLock = hook;
  }

  @Override
  public Lock writeLock(String taskId, String owner, Duration ttl) {
    Lock lock = super.writeLock(taskId, owner, ttl);
    afterWriteLock.accept(lock);
    return lock;
  }

  /** The engine closes its store on nothing; the shared store belongs to the test. */
  @Override
  public void close() {}
}
