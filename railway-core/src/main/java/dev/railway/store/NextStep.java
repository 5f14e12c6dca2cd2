package dev.railway.store;

/** What a decision leads to, committed in the same transaction as the decision. */
public sealed interface NextStep {

  /** Enter the next task. */
  record Enter(TaskEntry task) implements NextStep {}

  /** Finish the instance with this outcome; it goes to the outbox for delivery. */
  record Finish(SerializedEvent outcome) implements NextStep {}
}
