package dev.railway.definition;

/**
 * Computes a task identifier: human-readable, unique per action, and computed deterministically
 * <em>only</em> from the event that triggered the task (for example {@code refund-<uuid>} or {@code
 * invoice-<uuid>-part-0}). The same event must always give the same identifier: it is the key for
 * locks, idempotency and the at-most-one-decision guarantee.
 */
@FunctionalInterface
public interface TaskIdentifier<E> {
  String identify(E event);
}
