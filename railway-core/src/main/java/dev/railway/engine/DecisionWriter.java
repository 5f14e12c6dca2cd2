package dev.railway.engine;

import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: decisions from many attempts are queued and recorded in one store transaction, so
 * one commit serves many workflows. Each caller waits for its own decision's result.
 */
final class DecisionWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DecisionWriter.class);

  /** How long a batch is kept and retried while the store is unavailable. */
  private static final Duration STORE_PATIENCE = Duration.ofSeconds(60);

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration LAST_BACKOFF = Duration.ofSeconds(2);

  private record Pending(DecisionRecord decision, CompletableFuture<CommitResult> result) {}

  private final Store store;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  private final Runnable afterCommit;

  /**
   * A group-committing writer, or with {@code synchronous} one that commits each decision alone on
   * the caller's thread (for simulation: no thread of its own, so a seeded scheduler controls when
   * a decision is recorded).
   */
  DecisionWriter(Store store, int maxBatch, Runnable afterCommit, boolean synchronous) {
    this.store = store;
    this.maxBatch = maxBatch;
    this.afterCommit = afterCommit;
    this.thread =
        synchronous
            ? null
            : Thread.ofPlatform()
                .name("railway-decisions")
                .daemon(true)
                .start(() -> loop(afterCommit));
  }

  CompletableFuture<CommitResult> submit(DecisionRecord decision) {
    CompletableFuture<CommitResult> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("the engine is stopped"));
      return result;
    }
    if (thread == null) {
      commit(List.of(new Pending(decision, result)));
      afterCommit.run();
      return result;
    }
    queue.add(new Pending(decision, result));
    return result;
  }

  private void loop(Runnable afterCommit) {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
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

  private void commit(List<Pending> batch) {
    List<DecisionRecord> decisions = batch.stream().map(Pending::decision).toList();
    Duration backoff = FIRST_BACKOFF;
    long giveUpAt = System.nanoTime() + STORE_PATIENCE.toNanos();
    boolean retrying = false;
    while (true) {
      try {
        List<CommitResult> results = store.commit(decisions);
        for (int i = 0; i < batch.size(); i++) {
          batch
              .get(i)
              .result()
              .complete(retrying ? ours(decisions.get(i), results.get(i)) : results.get(i));
        }
        return;
      } catch (StoreUnavailableException e) {
        // Transient: the batch is safe to commit again (a decision is unique per task), so keep it
        // rather than fail every attempt that waits on it. Not forever: a store gone for good
        // fails the attempts, which retry through their own path.
        if (!running || System.nanoTime() + backoff.toNanos() > giveUpAt) {
          log.warn(
              "group commit of {} decision(s) failed, store unavailable: {}",
              batch.size(),
              e.toString());
          batch.forEach(p -> p.result().completeExceptionally(e));
          return;
        }
        log.info(
            "group commit of {} decision(s) failed, retrying in {}: {}",
            batch.size(),
            backoff,
            e.toString());
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0
                ? LAST_BACKOFF
                : backoff.multipliedBy(2);
        retrying = true;
      } catch (RuntimeException e) {
        log.warn("group commit of {} decision(s) failed: {}", batch.size(), e.toString());
        batch.forEach(p -> p.result().completeExceptionally(e));
        return;
      }
    }
  }

  /**
   * A commit that failed in flight may have been recorded after all: on the retry the store then
   * answers "already decided" with exactly our decision, which is ours, recorded.
   */
  private static CommitResult ours(DecisionRecord submitted, CommitResult result) {
    if (result instanceof CommitResult.AlreadyDecided d && d.existing().equals(submitted)) {
      return new CommitResult.Recorded();
    }
    return result;
  }

  private static void sleep(Duration backoff) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread == null) {
      return;
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
