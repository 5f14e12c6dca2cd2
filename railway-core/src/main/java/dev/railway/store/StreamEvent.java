package dev.railway.store;

import java.time.Instant;

/**
 * One entry of an instance's event stream.
 *
 * @param version position in the stream, starting at 1; appends use expected-version concurrency
 * @param kind what happened: {@code TriggerAccepted}, {@code TaskEntered}, {@code AttemptStarted},
 *     {@code AttemptFaulted}, {@code Decided}, {@code Finished}, ...
 * @param taskId the task it concerns, or null
 * @param detail a short, human-readable detail (event type, error message)
 */
public record StreamEvent(
    String instanceId, long version, String kind, String taskId, String detail, Instant at) {}
