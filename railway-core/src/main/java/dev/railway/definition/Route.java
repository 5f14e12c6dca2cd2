package dev.railway.definition;

import java.util.Objects;

/**
 * One entry of a task's transition table: events of {@code eventType} lead to {@code target}.
 *
 * @param eventType the event record type
 * @param target the next task, or the workflow's outcome
 */
public record Route(Class<?> eventType, Target target) {
  public Route {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(target, "target");
  }
}
