package dev.railway.store;

/**
 * An instance as the store sees it.
 *
 * @param status {@code RUNNING} or {@code FINISHED}
 * @param outcome the outcome, once finished
 */
public record InstanceRecord(
    String instanceId,
    String workflow,
    String status,
    SerializedEvent trigger,
    SerializedEvent outcome) {

  public boolean finished() {
    return "FINISHED".equals(status);
  }
}
