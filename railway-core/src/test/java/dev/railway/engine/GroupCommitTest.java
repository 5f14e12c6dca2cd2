package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  /** A queue that holds the next add until released, as a descheduled submitter would. */
  private static final class HeldQueue
      extends LinkedBlockingQueue<GroupCommit.Pending<String, String>> {
    final CountDownLatch adding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public boolean add(GroupCommit.Pending<String, String> p) {
      adding.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.add(p);
    }
  }

  @Test
  void submitRacingClose_failsItsCallerInsteadOfLeavingItWaitingForever() throws Exception {
    HeldQueue queue = new HeldQueue();
    GroupCommit<String, String> commit =
        new GroupCommit<>(
            "items",
            batch -> batch,
            (i, r) -> r,
            i -> null,
            16,
            1,
            () -> {},
            Duration.ofMinutes(5),
            timer,
            queue);
    AtomicReference<CompletableFuture<String>> submitted = new AtomicReference<>();
    Thread submitter = Thread.ofVirtual().start(() -> submitted.set(commit.submit("late")));
    assertThat(queue.adding.await(30, TimeUnit.SECONDS)).isTrue();

    // The submitter passed the running check; close now, and its writer is gone before the add.
    commit.close(Duration.ofSeconds(30));
    queue.release.countDown();
    submitter.join(Duration.ofSeconds(30));

    // Long before the 5-minute store timeout: failed at once, not left in the queue.
    assertThatThrownBy(() -> submitted.get().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
  }

  @Test
  void aStoreThatNeverAnswers_failsTheCallerWithStoreUnavailableAfterTheTimeout() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    GroupCommit<String, String> commit =
        new GroupCommit<>(
            "items",
            batch -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return batch;
            },
            (i, r) -> r,
            16,
            1,
            () -> {},
            Duration.ofMillis(200),
            timer);
    try {
      CompletableFuture<String> result = commit.submit("stuck");

      assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("PT0.2S");
    } finally {
      never.countDown();
      commit.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void itemsQueuedBeforeCloseAreWrittenByTheWriters() throws Exception {
    GroupCommit<String, String> commit =
        new GroupCommit<>(
            "items",
            batch -> batch.stream().map(String::toUpperCase).toList(),
            (i, r) -> r,
            16,
            2,
            () -> {},
            Duration.ofSeconds(30),
            timer);
    List<CompletableFuture<String>> results =
        List.of(commit.submit("a"), commit.submit("b"), commit.submit("c"));
    commit.close(Duration.ofSeconds(30));

    assertThat(results).extracting(f -> f.get(10, TimeUnit.SECONDS)).containsExactly("A", "B", "C");
  }

  /** A writer that records items like a store with a unique key per item. */
  private static final class KeyedWrites {
    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean failNextBatchAfterWriting;

    List<String> write(List<String> items) {
      if (items.contains("blocker")) {
        await(release);
      }
      List<String> results = new ArrayList<>();
      for (String item : items) {
        if (written.contains(item)) {
          results.add("already:" + item);
        } else {
          written.add(item);
          results.add("recorded");
        }
      }
      if (failNextBatchAfterWriting && items.size() > 1) {
        failNextBatchAfterWriting = false;
        // The commit went through, but its answer is an error: the batch is in doubt.
        throw new IllegalStateException("commit reported a failure after it was applied");
      }
      return results;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void afterAFailedBatch_itemsWrittenOneByOne_readTheirOwnRecordedWriteAsTheirs_notAlreadyDecided()
      throws Exception {
    KeyedWrites store = new KeyedWrites();
    store.failNextBatchAfterWriting = true;
    try (GroupCommit<String, String> commits =
        new GroupCommit<>(
            "decisions",
            store::write,
            (item, r) -> r.equals("already:" + item) ? "recorded" : r,
            16,
            1,
            () -> {},
            Duration.ofSeconds(30),
            timer)) {
      CompletableFuture<String> blocker = commits.submit("blocker");
      CompletableFuture<String> a = commits.submit("a");
      CompletableFuture<String> b = commits.submit("b");
      store.release.countDown();

      assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo("recorded");
      assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("recorded");
      assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("recorded");
    }
  }
}
