package dev.railway.sim;

import dev.railway.store.ForwardingStore;
import dev.railway.store.InMemoryStore;
import dev.railway.store.OutboxEntry;
import dev.railway.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * MUTANT of {@link OutcomeDispatcher}'s pass, at its one named step: the pass stops at the first
 * failed delivery (the {@code break} of issue 9) instead of going on with the next entry. The
 * dispatcher's own code runs unchanged; the claimed batch it iterates simply ends as soon as the
 * dispatcher reports a failed delivery to the store (a retry or a park), and the entries after it
 * stay claimed until their lease runs out — exactly what a {@code break} there does.
 */
final class OutboxStopsAtFirstFailureStore extends ForwardingStore {
  private boolean failedInPass;

  private OutboxStopsAtFirstFailureStore(Store delegate) {
    super(delegate);
  }

  static Store open(Clock clock) {
    return new OutboxStopsAtFirstFailureStore(new InMemoryStore(clock));
  }

  @Override
  public List<OutboxEntry> claimOutbox(String owner, int limit, Duration lease) {
    List<OutboxEntry> claimed = super.claimOutbox(owner, limit, lease);
    failedInPass = false;
    return new AbstractList<>() {
      @Override
      public OutboxEntry get(int index) {
        return claimed.get(index);
      }

      @Override
      public int size() {
        return claimed.size();
      }

      @Override
      public Iterator<OutboxEntry> iterator() {
        Iterator<OutboxEntry> all = claimed.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return !failedInPass && all.hasNext();
          }

          @Override
          public OutboxEntry next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return all.next();
          }
        };
      }
    };
  }

  @Override
  public void retryOutbox(long outboxId, Duration delay, String error) {
    failedInPass = true;
    super.retryOutbox(outboxId, delay, error);
  }

  @Override
  public void parkOutbox(long outboxId, String error) {
    failedInPass = true;
    super.parkOutbox(outboxId, error);
  }
}
