package dev.railway.store;

/**
 * An outcome waiting to be delivered to listeners; delivered at least once under a stable id.
 *
 * @param eventId stable id of the outcome event, the same on every redelivery
 * @param failures how many deliveries of this entry failed so far
 * @param lastError the last failed delivery's error, or null
 */
public record OutboxEntry(
    long id,
    String eventId,
    String instanceId,
    String workflow,
    SerializedEvent outcome,
    int failures,
    String lastError) {

  /** An entry that never failed. */
  public OutboxEntry(
      long id, String eventId, String instanceId, String workflow, SerializedEvent outcome) {
    this(id, eventId, instanceId, workflow, outcome, 0, null);
  }
}
