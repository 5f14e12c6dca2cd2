package dev.railway.amqp;

import java.time.Duration;
import java.util.Objects;

/**
 * Publishes every outcome to {@code exchange} (a durable topic exchange, declared unless told
 * otherwise), with routing key {@code <workflow name>.<outcome type's simple name>}.
 *
 * @param confirmTimeout how long to wait for the broker's confirm before the outcome counts as not
 *     delivered (and stays in the outbox)
 * @param requireRoute whether an outcome that no queue receives counts as not delivered (the broker
 *     returns it); with false it is confirmed and dropped by the broker
 */
public record OutcomeBinding(
    String exchange, Duration confirmTimeout, boolean requireRoute, boolean declare) {

  public OutcomeBinding {
    Names.check(exchange, "exchange");
    Objects.requireNonNull(confirmTimeout, "confirmTimeout");
    if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
      throw new IllegalArgumentException("confirmTimeout must be positive; was " + confirmTimeout);
    }
  }

  /** To {@code exchange}, 10 s confirm timeout, unroutable outcomes not delivered, declared. */
  public static OutcomeBinding to(String exchange) {
    return new OutcomeBinding(exchange, Duration.ofSeconds(10), true, true);
  }

  public OutcomeBinding withConfirmTimeout(Duration timeout) {
    return new OutcomeBinding(exchange, timeout, requireRoute, declare);
  }

  public OutcomeBinding withRequireRoute(boolean require) {
    return new OutcomeBinding(exchange, confirmTimeout, require, declare);
  }

  public OutcomeBinding withoutDeclaring() {
    return new OutcomeBinding(exchange, confirmTimeout, requireRoute, false);
  }
}
