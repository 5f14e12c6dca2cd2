package dev.railway.amqp;

import java.util.List;
import java.util.Objects;

/** What becomes of one consumed message once its handler is done with it. */
sealed interface Verdict {

  /** Done for good (recorded, or a duplicate of something recorded): acknowledge. */
  record Ack() implements Verdict {}

  /** Refused for good: publish to the dead-letter exchange with the reason, then acknowledge. */
  record DeadLetter(DeadLetterReason reason, String detail, List<String> violations)
      implements Verdict {
    public DeadLetter {
      Objects.requireNonNull(reason, "reason");
      detail = detail == null ? reason.code() : detail;
      violations = List.copyOf(violations);
    }

    DeadLetter(DeadLetterReason reason, String detail) {
      this(reason, detail, List.of());
    }
  }

  /** Could not be handled now (the store is unreachable): give it back to the queue, later. */
  record Requeue(String why) implements Verdict {}

  Ack ACK = new Ack();
}
