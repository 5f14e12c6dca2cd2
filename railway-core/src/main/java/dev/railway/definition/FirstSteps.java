package dev.railway.definition;

import java.util.List;

/**
 * OptimisticLock: lists the live (neither expired nor undone) first steps tagged with the task
 * identifier, oldest first. Handles are compared with {@code equals} to the one {@link FirstStep}
 * returned.
 */
@FunctionalInterface
public interface FirstSteps<E, S> {
  List<S> firstSteps(E event, String taskId) throws Exception;
}
