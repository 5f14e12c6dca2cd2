package dev.railway.store;

import java.time.Instant;

/**
 * A task entered by an instance, as the scheduling read model keeps it.
 *
 * @param taskId the task identifier (unique)
 * @param taskName the task's name in the workflow definition
 * @param todo whether it is a ToDo (waits for a command; due only for its expiry)
 * @param input the event that entered the task
 * @param readModel the ToDo's read model, or null for a State
 * @param dueAt when it is next due (null for a ToDo that cannot expire)
 * @param deadlineAt when it expires by deadline, or null
 * @param attempts attempts made so far
 */
public record TaskEntry(
    String taskId,
    String instanceId,
    String workflow,
    String taskName,
    boolean todo,
    SerializedEvent input,
    SerializedEvent readModel,
    Instant enteredAt,
    Instant dueAt,
    Instant deadlineAt,
    int attempts) {}
