package dev.railway.store;

/**
 * An outcome waiting to be delivered to listeners; delivered at least once under a stable id.
 *
 * @param eventId stable id of the outcome event, the same on every redelivery
 */
public record OutboxEntry(
    long id, String eventId, String instanceId, String workflow, SerializedEvent outcome) {}
