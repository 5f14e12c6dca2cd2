package dev.railway.examples.refunds;

// README:begin
import dev.railway.definition.Backoff;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

public final class Refunds {
  public record RefundRequested(UUID refundId, String paymentId, BigDecimal amount) {}

  public record Refunded(UUID refundId, String providerReference) {}

  public record RefundRejected(UUID refundId, String reason) {}

  /** The payment provider's refund call; it deduplicates by idempotency key. */
  public interface RefundApi {
    Result refund(String idempotencyKey, String paymentId, BigDecimal amount) throws Exception;

    record Result(boolean accepted, String reference, String reason) {}
  }

  public static Workflow<RefundRequested> workflow(RefundApi api) {
    return Workflow.builder("refund", RefundRequested.class)
        .startAt("refund-payment")
        .triggerId(requested -> requested.refundId().toString())
        .task(
            Tasks.idempotent("refund-payment", RefundRequested.class, RefundApi.Result.class)
                // Idempotent: the task id is the provider's idempotency key, so retries are safe.
                .identifiedBy(requested -> "refund-" + requested.refundId())
                .attempt((r, taskId) -> api.refund(taskId, r.paymentId(), r.amount()))
                .decide(
                    (r, result) ->
                        result.accepted()
                            ? new Refunded(r.refundId(), result.reference())
                            : new RefundRejected(r.refundId(), result.reason()),
                    Refunded.class,
                    RefundRejected.class)
                .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2, 10))
                .onFault(
                    (error, r, taskId) -> new RefundRejected(r.refundId(), "gave up: " + error),
                    RefundRejected.class)
                .outcome(Refunded.class)
                .outcome(RefundRejected.class)
                .build())
        .build();
  }
}
// README:end
