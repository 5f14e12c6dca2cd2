package dev.railway.spring;

import java.util.Objects;

/**
 * A workflow outcome, published as a Spring application event once it is durable (written to the
 * store's outbox with the decision that ended the instance). Delivered at least once: after a crash
 * the same outcome may come again under the same {@code eventId}, so listeners deduplicate by it.
 * An {@code @EventListener} that throws fails the delivery, which is retried for that outcome alone
 * and parked after repeated failures (visible in the health indicator).
 *
 * @param eventId the outcome's stable id
 * @param workflow the workflow's id
 * @param instanceId the instance that ended
 * @param outcome the outcome event
 */
public record RailwayOutcomeEvent(
    String eventId, String workflow, String instanceId, Object outcome) {
  public RailwayOutcomeEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(outcome, "outcome");
  }
}
