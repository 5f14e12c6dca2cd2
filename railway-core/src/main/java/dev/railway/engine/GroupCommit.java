package dev.railway.engine;

import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes from many threads are queued and handed to the store as one batch, so one
 * transaction (one fsync) serves many workflows; each caller waits for its own item's result. While
 * a batch is being written the next one fills up, so the batch grows with the load and an idle
 * engine still writes each item at once.
 *
 * <p>When the store is unavailable the batch is written again after a backoff, for as long as its
 * callers wait. When a whole batch fails otherwise, each item is written again alone, so one
 * refused item fails only its own caller.
 *
 * <p>Every caller's wait is bounded: an item whose result has not come within the store timeout
 * fails with {@link StoreUnavailableException} (the write may still happen later; every write here
 * is safe to repeat), and an item submitted while the group commit closes is failed, never left in
 * a queue no writer reads any more.
 */
final class GroupCommit<T, R> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration LAST_BACKOFF = Duration.ofSeconds(2);

  record Pending<T, R>(T item, CompletableFuture<R> result) {}

  private final String what;
  private final Function<List<T>, List<R>> write;
  private final BiFunction<T, R, R> onRetry;
  private final Function<T, R> alreadyWritten;
  private final int maxBatch;
  private final Runnable afterCommit;
  private final BlockingQueue<Pending<T, R>> queue;
  private final Duration timeout;
  private final ScheduledExecutorService timer;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  /**
   * @param what names the writes in messages and the writer thread, e.g. "decisions"
   * @param write writes a batch in one transaction, returning one result per item, in order
   * @param onRetry reads an item's result when its batch is written again after a write that failed
   *     in flight (and so may have been recorded after all)
   * @param writers how many batches may be written at once: a store whose transactions each take
   *     many round trips (PostgreSQL) is bound by one writer's latency, not by the server; a store
   *     with one connection (SQLite) simply serializes them. Zero writes each item alone on the
   *     caller's thread, with no thread of its own, so a simulation's scheduler decides when it
   *     happens
   * @param timeout how long a caller waits for its item's result, and how long a batch is written
   *     again while the store is unavailable
   * @param timer fails the items whose timeout passed
   */
  GroupCommit(
      String what,
      Function<List<T>, List<R>> write,
      BiFunction<T, R, R> onRetry,
      int maxBatch,
      int writers,
      Runnable afterCommit,
      Duration timeout,
      ScheduledExecutorService timer) {
    this(what, write, onRetry, item -> null, maxBatch, writers, afterCommit, timeout, timer);
  }

  /**
   * @param alreadyWritten for writes that are not idempotent (stream appends): when a batch is in
   *     doubt, finds an item that its failed write recorded after all and returns its result, or
   *     null when it must be written again
   */
  GroupCommit(
      String what,
      Function<List<T>, List<R>> write,
      BiFunction<T, R, R> onRetry,
      Function<T, R> alreadyWritten,
      int maxBatch,
      int writers,
      Runnable afterCommit,
      Duration timeout,
      ScheduledExecutorService timer) {
    this(
        what,
        write,
        onRetry,
        alreadyWritten,
        maxBatch,
        writers,
        afterCommit,
        timeout,
        timer,
        new LinkedBlockingQueue<>());
  }

  /** With the queue given: a test holds an item between the running check and the queue. */
  GroupCommit(
      String what,
      Function<List<T>, List<R>> write,
      BiFunction<T, R, R> onRetry,
      Function<T, R> alreadyWritten,
      int maxBatch,
      int writers,
      Runnable afterCommit,
      Duration timeout,
      ScheduledExecutorService timer,
      BlockingQueue<Pending<T, R>> queue) {
    this.queue = queue;
    this.timeout = timeout;
    this.timer = timer;
    this.what = what;
    this.write = write;
    this.onRetry = onRetry;
    this.alreadyWritten = alreadyWritten;
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
    if (threads.isEmpty()) {
      commit(new ArrayList<>(List.of(new Pending<>(item, result))));
      afterCommit.run();
      return result;
    }
    bound(result);
    queue.add(new Pending<>(item, result));
    if (!running) {
      // close() may have run between the check above and the add: its writers may be gone, so
      // nobody would ever take this item. Whatever is left is failed; a writer still running
      // takes an item or this does, never both.
      failLeftovers();
    }
    return result;
  }

  /** Fails the caller's wait when the store has not answered in time. */
  private void bound(CompletableFuture<R> result) {
    ScheduledFuture<?> expiry;
    try {
      expiry =
          timer.schedule(
              () ->
                  result.completeExceptionally(
                      new StoreUnavailableException(
                          "writing %s: the store did not answer within %s; the write may still happen (it is safe to repeat)"
                              .formatted(what, timeout))),
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The engine stopped meanwhile (the timer goes last); the running check after the add fails
      // the item.
      return;
    }
    result.whenComplete((r, e) -> expiry.cancel(false));
  }

  private void failLeftovers() {
    IllegalStateException stopped =
        new IllegalStateException("the engine is stopped; " + what + " are no longer written");
    for (Pending<T, R> p = queue.poll(); p != null; p = queue.poll()) {
      p.result().completeExceptionally(stopped);
    }
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
    commit(batch, false);
  }

  /**
   * Writes {@code batch}. {@code inDoubt}: an earlier write of these items failed in a way that may
   * have recorded them after all, so each is first looked up, and every result is read as on a
   * retry.
   */
  private void commit(List<Pending<T, R>> batch, boolean inDoubt) {
    Duration backoff = FIRST_BACKOFF;
    long giveUpAt = System.nanoTime() + timeout.toNanos();
    boolean retrying = inDoubt;
    while (true) {
      try {
        if (retrying) {
          batch = withoutWritten(batch);
          if (batch.isEmpty()) {
            return;
          }
        }
        List<T> items = batch.stream().map(Pending::item).toList();
        List<R> results = write.apply(items);
        for (int i = 0; i < batch.size(); i++) {
          R result = retrying ? onRetry.apply(items.get(i), results.get(i)) : results.get(i);
          batch.get(i).result().complete(result);
        }
        return;
      } catch (StoreUnavailableException e) {
        // Transient: the batch is kept and written again rather than failing every caller that
        // waits on it. Not forever: a store gone for good fails the callers, which retry through
        // their own path.
        if (!running
            || System.nanoTime() + backoff.toNanos() > giveUpAt
            || batch.stream().allMatch(p -> p.result().isDone())) {
          log.warn("writing {} {} failed, store unavailable: {}", batch.size(), what, e.toString());
          batch.forEach(p -> p.result().completeExceptionally(e));
          return;
        }
        // Debug only: an outage would otherwise log a line per batch per retry; the engine says
        // once that the store is away.
        log.debug(
            "writing {} {} failed, retrying in {}: {}", batch.size(), what, backoff, e.toString());
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0
                ? LAST_BACKOFF
                : backoff.multipliedBy(2);
        retrying = true;
      } catch (RuntimeException e) {
        if (batch.size() == 1) {
          log.warn("writing {} failed: {}", what, e.toString());
          batch.get(0).result().completeExceptionally(e);
          return;
        }
        // One refused item (a bad input, say) must not fail the others: write them one by one.
        // The failed batch may have been recorded after all (an error reported after the commit),
        // so each item reads an "already there" as its own, not as someone else's.
        log.debug("writing {} {} failed ({}); writing them one by one", batch.size(), what, e);
        for (Pending<T, R> p : batch) {
          commit(new ArrayList<>(List.of(p)), true);
        }
        return;
      }
    }
  }

  /** Completes the items that an in-doubt write recorded after all; returns the others. */
  private List<Pending<T, R>> withoutWritten(List<Pending<T, R>> batch) {
    List<Pending<T, R>> left = new ArrayList<>(batch.size());
    for (Pending<T, R> p : batch) {
      R written = alreadyWritten.apply(p.item());
      if (written != null) {
        p.result().complete(written);
      } else {
        left.add(p);
      }
    }
    return left;
  }

  private static void sleep(Duration backoff) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops taking items, lets the writers finish what is queued until {@code deadline}. */
  void close(Duration deadline) {
    running = false;
    long end = System.nanoTime() + deadline.toNanos();
    try {
      for (Thread t : threads) {
        long left = end - System.nanoTime();
        if (left > 0) {
          t.join(Duration.ofNanos(left));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      failLeftovers();
    }
  }

  @Override
  public void close() {
    close(timeout);
  }
}
