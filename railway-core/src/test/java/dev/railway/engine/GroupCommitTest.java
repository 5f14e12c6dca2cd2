package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
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
}
