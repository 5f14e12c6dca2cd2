package dev.railway.amqp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often handling a message failed for a reason other than the store, by message key, so a
 * poisoned message is parked after a few tries instead of retried forever. Bounded: the oldest
 * entries are forgotten first (a forgotten message gets a few more tries, never fewer).
 */
final class FailureCounts {
  private static final int MAX_ENTRIES = 10_000;

  private final Map<String, Integer> counts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** Counts one more failure of {@code key}; returns the count so far. */
  synchronized int failed(String key) {
    return counts.merge(key, 1, Integer::sum);
  }

  synchronized void succeeded(String key) {
    counts.remove(key);
  }
}
