package dev.railway.store;

/**
 * A trigger accepted for a workflow: the instance and its first task, stored atomically with the
 * trigger's event id so that a redelivered trigger starts nothing.
 */
public record NewInstance(
    String instanceId,
    String workflow,
    String triggerEventId,
    SerializedEvent trigger,
    TaskEntry firstTask) {}
