package dev.railway.amqp;

import java.time.Duration;
import java.util.Objects;

/**
 * How a binding consumes its queue.
 *
 * @param prefetch unacknowledged messages in hand at once: bounds the work in flight (default 256,
 *     so that many starts or decisions share one group commit)
 * @param requeueDelay how long a message that could not be handled now (the store is unreachable)
 *     is held before it goes back to the queue (default 1 s)
 * @param maxAttempts how many times a message whose handling fails for another reason is tried
 *     before it is dead-lettered as {@link DeadLetterReason#FAILED_REPEATEDLY} (default 5)
 * @param declare whether to declare the queue and its dead-letter exchange and queue (default
 *     true); when false they must exist
 */
public record ConsumerSettings(
    int prefetch, Duration requeueDelay, int maxAttempts, boolean declare) {
  public ConsumerSettings {
    if (prefetch < 1 || prefetch > 65_535) {
      throw new IllegalArgumentException("prefetch must be between 1 and 65535; was " + prefetch);
    }
    Objects.requireNonNull(requeueDelay, "requeueDelay");
    if (requeueDelay.isNegative()) {
      throw new IllegalArgumentException("requeueDelay must not be negative; was " + requeueDelay);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1; was " + maxAttempts);
    }
  }

  public static ConsumerSettings defaults() {
    return new ConsumerSettings(256, Duration.ofSeconds(1), 5, true);
  }

  public ConsumerSettings withPrefetch(int n) {
    return new ConsumerSettings(n, requeueDelay, maxAttempts, declare);
  }

  public ConsumerSettings withRequeueDelay(Duration d) {
    return new ConsumerSettings(prefetch, d, maxAttempts, declare);
  }

  public ConsumerSettings withMaxAttempts(int n) {
    return new ConsumerSettings(prefetch, requeueDelay, n, declare);
  }

  /** Uses existing queues and exchanges instead of declaring them. */
  public ConsumerSettings withoutDeclaring() {
    return new ConsumerSettings(prefetch, requeueDelay, maxAttempts, false);
  }
}
