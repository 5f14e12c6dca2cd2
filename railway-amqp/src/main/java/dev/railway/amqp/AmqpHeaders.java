package dev.railway.amqp;

import com.rabbitmq.client.LongString;
import java.util.Map;

/** The message headers Railway reads and writes. */
public final class AmqpHeaders {
  /** On a dead letter: the reason code, one of {@link DeadLetterReason#code()}. */
  public static final String REASON = "railway-reason";

  /** On a dead letter: the reason in words, naming the problem. */
  public static final String DETAIL = "railway-reason-detail";

  /** On a dead letter for a broken data contract: every violation, one list element each. */
  public static final String VIOLATIONS = "railway-violations";

  /** On a dead letter: the queue the message was consumed from. */
  public static final String SOURCE_QUEUE = "railway-source-queue";

  /** On a signed command: the id of the HMAC key. */
  public static final String KEY_ID = "railway-key-id";

  /** On a signed command: hex HMAC-SHA256 of the body. */
  public static final String SIGNATURE = "railway-signature";

  /** On a published outcome: the workflow id. */
  public static final String WORKFLOW = "railway-workflow";

  /** On a published outcome: the instance id. */
  public static final String INSTANCE_ID = "railway-instance-id";

  /** On a command: the ToDo's task identifier, when its command type has no locator. */
  public static final String TASK_ID = "railway-task-id";

  private AmqpHeaders() {}

  /**
   * A header as text, or null when it is absent or not a string: the client reads AMQP strings as
   * {@link LongString}, so a plain {@code (String)} cast of a header fails.
   */
  public static String text(Map<String, Object> headers, String name) {
    if (headers == null) {
      return null;
    }
    Object value = headers.get(name);
    if (value instanceof LongString || value instanceof String) {
      return value.toString();
    }
    return null;
  }
}
