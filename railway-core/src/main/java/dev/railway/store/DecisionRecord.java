package dev.railway.store;

import java.time.Instant;

/**
 * The decision of a task: the transition event, through which cause, and what it leads to.
 *
 * @param cause {@code DECISION}, {@code FAULT}, {@code EXPIRY} or {@code POSSIBLE_FAILURE}
 * @param decidedBy the attempt or principal that recorded it
 */
public record DecisionRecord(
    String instanceId,
    String taskId,
    String taskName,
    SerializedEvent event,
    String cause,
    String decidedBy,
    Instant decidedAt,
    NextStep next) {

  /**
   * The detail of the {@code Decided} entry in the instance's stream: the cause, the event type and
   * who decided, so the stream itself says which worker or authenticated principal answered.
   */
  public String streamDetail() {
    return cause + " " + event.type() + " by " + decidedBy;
  }
}
