package dev.railway.engine;

/**
 * Receives workflow outcomes, at least once: after a crash an outcome may be delivered again under
 * the same {@code eventId}, so listeners deduplicate by it.
 */
@FunctionalInterface
public interface OutcomeListener {
  void onOutcome(String eventId, String workflow, String instanceId, Object outcome);
}
