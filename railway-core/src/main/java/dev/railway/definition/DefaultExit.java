package dev.railway.definition;

import java.util.List;

/**
 * A workflow's implicit exit for faults or expiries, as the paper draws its order example: "any
 * fault and expiration result that maps to a default exit can be left as an implicit mapping". A
 * task that declares no mapping of its own for that cause, and whose input is an {@code accepts},
 * uses this one; its events end the workflow as its outcome. Declare one with {@link
 * Workflow.Builder#defaultFault} or {@link Workflow.Builder#defaultExpiry}.
 *
 * @param cause {@link Cause#FAULT} or {@link Cause#EXPIRY}
 * @param accepts the events the mapping can read: tasks whose input is not one keep no mapping
 * @param faultMapping the mapping when the cause is a fault, else null
 * @param expiryMapping the mapping when the cause is an expiry, else null
 * @param emits the outcome event types the mapping may return
 */
public record DefaultExit<E>(
    Cause cause,
    Class<E> accepts,
    FaultMapping<E> faultMapping,
    ExpiryMapping<E> expiryMapping,
    List<Class<?>> emits) {

  public DefaultExit {
    Checks.notNull(cause, "cause of a default exit");
    Checks.notNull(accepts, "accepted event type of the default " + cause.label() + " exit");
    switch (cause) {
      case FAULT -> Checks.notNull(faultMapping, "mapping of the default fault exit");
      case EXPIRY -> Checks.notNull(expiryMapping, "mapping of the default expiry exit");
      default ->
          throw new IllegalArgumentException(
              "a default exit is for faults or expiries; was " + cause.label());
    }
    Checks.notNull(emits, "event types of the default " + cause.label() + " exit");
    if (emits.isEmpty()) {
      throw new IllegalArgumentException(
          "the default "
              + cause.label()
              + " exit must declare the outcome event types it may return, e.g."
              + " defaultFault(Event.class, fn, Cancelled.class)");
    }
    for (Class<?> type : emits) {
      Checks.eventType(type, "event type of the default " + cause.label() + " exit");
    }
    emits = List.copyOf(emits);
  }

  /** Whether a task entered by events of {@code inputType} can use this exit. */
  public boolean fits(Class<?> inputType) {
    return accepts.isAssignableFrom(inputType);
  }
}
