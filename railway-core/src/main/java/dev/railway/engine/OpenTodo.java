package dev.railway.engine;

import java.time.Instant;

/**
 * An open ToDo as an authorised principal sees it.
 *
 * @param deadline when it expires by deadline, or null
 */
public record OpenTodo<M>(
    String taskId,
    String instanceId,
    String workflow,
    String task,
    M readModel,
    Instant openedAt,
    Instant deadline) {}
