package dev.railway.engine;

import dev.railway.definition.Workflow;

/**
 * Starts a chained workflow with an outcome, under the outcome's event id: what the outcome
 * dispatcher needs of the engine, and nothing more. A redelivered outcome starts nothing new (the
 * start is deduplicated by its event id).
 */
@FunctionalInterface
interface ChainedStart {
  void start(Workflow<?> next, String eventId, Object outcome);
}
