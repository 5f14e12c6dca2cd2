package dev.railway.definition;

import java.util.Objects;

/**
 * A declaration that a task may emit events of {@code eventType} through {@code cause}.
 *
 * @param eventType the event record type
 * @param cause the path that emits it
 */
public record Emission(Class<?> eventType, Cause cause) {
  public Emission {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(cause, "cause");
  }
}
