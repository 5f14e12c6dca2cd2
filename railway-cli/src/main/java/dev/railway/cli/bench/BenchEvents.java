package dev.railway.cli.bench;

import java.time.Instant;

/**
 * The events of the bench workflows. Public records, because the engine stores them as JSON and
 * reads them back.
 */
public final class BenchEvents {
  private BenchEvents() {}

  /** Starts a bench workflow; {@code id} is the trigger's event id. */
  public record Started(String id) {}

  /** The outcome of {@code noop} and {@code fanout}; the last step of {@code mixed}. */
  public record Done(String id, String result) {}

  /** Any task gave up after its retries (the fault mapping). */
  public record Failed(String id, String task, String error) {}

  /** {@code mixed}: the Idempotent charge was made. */
  public record Charged(String id, String charge) {}

  /** {@code mixed}: the OptimisticLock reservation (hold, then confirm) was made. */
  public record Reserved(String id, String hold) {}

  /** {@code mixed}: the PessimisticLock invoice was created. */
  public record Invoiced(String id, String invoice) {}

  /** {@code mixed}: the BlackBoxed shipment may or may not have happened (a possible failure). */
  public record ShipmentUncertain(String id, Instant previousAttemptStartedAt) {}

  /** {@code approval}: what the approver sees of a refund waiting for approval. */
  public record ApprovalRequest(String id) {}

  /** {@code approval}: the approver's command. */
  public record Approval(String id) {}

  /** {@code approval}: the refund was approved by a person. */
  public record Approved(String id, String approvedBy) {}
}
