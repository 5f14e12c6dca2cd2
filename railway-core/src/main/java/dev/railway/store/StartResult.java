package dev.railway.store;

/** What happened to a trigger. */
public sealed interface StartResult {

  /** A new instance started. */
  record Started(String instanceId) implements StartResult {}

  /** The trigger's event id was seen before: the existing instance is returned, none started. */
  record Duplicate(String instanceId) implements StartResult {}
}
