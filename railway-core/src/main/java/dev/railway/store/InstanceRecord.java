package dev.railway.store;

/**
 * An instance as the store sees it.
 *
 * @param status {@code RUNNING} or {@code FINISHED}
 * @param outcome the outcome, once finished
 * @param traceContext the trace its trigger arrived in (see {@link NewInstance#traceContext()})
 */
public record InstanceRecord(
    String instanceId,
    String workflow,
    String status,
    SerializedEvent trigger,
    SerializedEvent outcome,
    String traceContext) {

  /** An instance outside any trace. */
  public InstanceRecord(
      String instanceId,
      String workflow,
      String status,
      SerializedEvent trigger,
      SerializedEvent outcome) {
    this(instanceId, workflow, status, trigger, outcome, null);
  }

  public boolean finished() {
    return "FINISHED".equals(status);
  }
}
