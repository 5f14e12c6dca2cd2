package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

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
            () -> {})) {
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
