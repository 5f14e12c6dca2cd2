package dev.railway.definition;

/** How commands reach a ToDo. */
public sealed interface Endpoint {

  /** A synchronous API route segment, e.g. {@code payments/confirm}. */
  record HttpRoute(String segment) implements Endpoint {
    public HttpRoute {
      Checks.notNull(segment, "route segment");
      if (segment.isBlank() || segment.startsWith("/")) {
        throw new IllegalArgumentException(
            "route segment must be non-blank and relative (no leading '/'); was '" + segment + "'");
      }
    }
  }

  /** A message-queue consumer reading commands from {@code queue}. */
  record QueueConsumer(String queue) implements Endpoint {
    public QueueConsumer {
      Checks.name(queue, "queue name");
    }
  }

  static Endpoint httpRoute(String segment) {
    return new HttpRoute(segment);
  }

  static Endpoint queue(String queue) {
    return new QueueConsumer(queue);
  }

  default String describe() {
    return switch (this) {
      case HttpRoute r -> "http:" + r.segment();
      case QueueConsumer q -> "queue:" + q.queue();
    };
  }
}
