/**
 * The store SPI: event-sourced instance streams, the scheduling read model, the central lock store,
 * decisions, ToDo read models, trigger deduplication and the outcome outbox. Events and read models
 * cross this boundary already serialized, so every store keeps them the same way.
 *
 * <p>The guarantees that matter live here, not in Java checks: at most one decision per task
 * identifier (a unique constraint), lock sequence and lock time from the store, and decisions
 * committed in the same transaction as entering the next task.
 */
package dev.railway.store;
