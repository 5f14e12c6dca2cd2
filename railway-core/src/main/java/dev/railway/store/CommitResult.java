package dev.railway.store;

/** What happened to one decision in a group commit. */
public sealed interface CommitResult {

  /** Recorded: this decision is the task's one and only. */
  record Recorded() implements CommitResult {}

  /** Another decision for the same task identifier was recorded first; this one was discarded. */
  record AlreadyDecided(DecisionRecord existing) implements CommitResult {}

  /**
   * The next task's identifier is already taken by another task: the workflow's identifier function
   * is not unique per action. Nothing was recorded.
   */
  record DuplicateTaskId(String taskId) implements CommitResult {}
}
