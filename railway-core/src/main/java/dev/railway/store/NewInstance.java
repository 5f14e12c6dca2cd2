package dev.railway.store;

/**
 * A trigger accepted for a workflow: the instance and its first task, stored atomically with the
 * trigger's event id so that a redelivered trigger starts nothing.
 *
 * @param traceContext the trace the trigger arrived in, as {@link dev.railway.engine.Tracing}
 *     serialized it (null outside a trace): every task of the instance continues it
 */
public record NewInstance(
    String instanceId,
    String workflow,
    String triggerEventId,
    SerializedEvent trigger,
    TaskEntry firstTask,
    String traceContext) {

  /** An instance started outside any trace. */
  public NewInstance(
      String instanceId,
      String workflow,
      String triggerEventId,
      SerializedEvent trigger,
      TaskEntry firstTask) {
    this(instanceId, workflow, triggerEventId, trigger, firstTask, null);
  }
}
