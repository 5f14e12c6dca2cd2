package dev.railway.amqp;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential delays with jitter between reconnection attempts: many workers that lost the same
 * broker do not come back at the same instant.
 */
final class RetryDelays {
  private final Duration first;
  private final Duration last;
  private Duration next;

  RetryDelays(Duration first, Duration last) {
    this.first = first;
    this.last = last;
    this.next = first;
  }

  synchronized Duration next() {
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(last) > 0 ? last : doubled;
    long jitter = ThreadLocalRandom.current().nextLong(current.toMillis() / 4 + 1);
    return current.plusMillis(jitter);
  }

  synchronized void reset() {
    next = first;
  }
}
