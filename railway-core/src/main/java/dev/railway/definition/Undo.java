package dev.railway.definition;

/** OptimisticLock: cancels a first step that lost the race, so no loser's hold is left behind. */
@FunctionalInterface
public interface Undo<E, S> {
  void undo(E event, String taskId, S step) throws Exception;
}
