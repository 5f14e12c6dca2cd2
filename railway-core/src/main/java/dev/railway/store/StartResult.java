package dev.railway.store;

/** What happened to a trigger. */
public sealed interface StartResult {

  /** A new instance started. */
  record Started(String instanceId) implements StartResult {}

  /** The trigger's event id was seen before: the existing instance is returned, none started. */
  record Duplicate(String instanceId) implements StartResult {}

  /**
   * The first task's identifier is already taken, by an open or a decided task of another instance:
   * the workflow's identifier function is not unique per action. Nothing was started and the
   * trigger was not consumed.
   */
  record DuplicateTaskId(String taskId) implements StartResult {}
}
