package dev.railway.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers signed deliveries for as long as their signature could be accepted, so that each is
 * accepted once. Bounded: when full of deliveries that are all still fresh, it refuses new ones
 * rather than forget (forgetting would let a replay through).
 */
final class ReplayGuard {
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private final int capacity;

  ReplayGuard(int capacity) {
    this.capacity = capacity;
  }

  enum Verdict {
    FIRST,
    REPLAYED,
    FULL
  }

  /** Records {@code delivery} until {@code now + keep}; says whether it was seen before. */
  synchronized Verdict firstTime(String delivery, Instant now, Duration keep) {
    Instant known = seen.get(delivery);
    if (known != null && known.isAfter(now)) {
      return Verdict.REPLAYED;
    }
    if (seen.size() >= capacity) {
      for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
        if (!it.next().isAfter(now)) {
          it.remove();
        }
      }
      if (seen.size() >= capacity) {
        return Verdict.FULL;
      }
    }
    seen.put(delivery, now.plus(keep));
    return Verdict.FIRST;
  }
}
