package dev.railway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes from many threads are queued and handed to the store as one batch, so one
 * transaction (one fsync) serves many workflows; each caller waits for its own item's result. While
 * a batch is being written the next one fills up, so the batch grows with the load and an idle
 * engine still writes each item at once.
 *
 * <p>When a whole batch fails, each item is written again alone, so one refused item (say, a task
 * identifier that is taken) fails only its own caller.
 */
final class GroupCommit<T, R> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private record Pending<T, R>(T item, CompletableFuture<R> result) {}

  private final String what;
  private final Function<List<T>, List<R>> write;
  private final int maxBatch;
  private final Runnable afterCommit;
  private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  /**
   * @param what names the writes in messages and the writer thread, e.g. "decisions"
   * @param write writes a batch in one transaction, returning one result per item, in order
   * @param writers how many batches may be written at once: a store whose transactions each take
   *     many round trips (PostgreSQL) is bound by one writer's latency, not by the server; a store
   *     with one connection (SQLite) simply serializes them
   */
  GroupCommit(
      String what,
      Function<List<T>, List<R>> write,
      int maxBatch,
      int writers,
      Runnable afterCommit) {
    this.what = what;
    this.write = write;
    this.maxBatch = maxBatch;
    this.afterCommit = afterCommit;
    for (int i = 0; i < writers; i++) {
      threads.add(
          Thread.ofPlatform().name("railway-" + what + "-" + i).daemon(true).start(this::loop));
    }
  }

  CompletableFuture<R> submit(T item) {
    CompletableFuture<R> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("the engine is stopped"));
      return result;
    }
    queue.add(new Pending<>(item, result));
    return result;
  }

  private void loop() {
    List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending<T, R> first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
        afterCommit.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending<T, R>> batch) {
    try {
      List<R> results = write.apply(batch.stream().map(Pending::item).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(results.get(i));
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        log.warn("writing {} failed: {}", what, e.toString());
        batch.get(0).result().completeExceptionally(e);
        return;
      }
      log.debug(
          "group commit of {} {} failed ({}); writing them one by one", batch.size(), what, e);
      for (Pending<T, R> p : batch) {
        commit(new ArrayList<>(List.of(p)));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
