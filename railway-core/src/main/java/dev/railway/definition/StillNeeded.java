package dev.railway.definition;

/** Checked before each attempt: {@code false} expires the task through its expiry mapping. */
@FunctionalInterface
public interface StillNeeded<E> {
  boolean stillNeeded(E event, String taskId);
}
