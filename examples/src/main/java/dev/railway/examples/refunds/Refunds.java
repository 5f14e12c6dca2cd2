package dev.railway.examples.refunds;

import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import java.math.BigDecimal;
import java.util.UUID;

// README:begin
public final class Refunds {
  public record RefundRequested(UUID refundId, String paymentId, BigDecimal amount) {}

  public record Refunded(UUID refundId, String providerReference) {}

  public record RefundRejected(UUID refundId, String reason) {}

  public interface RefundApi { // the payment provider, which deduplicates by idempotency key
    Result refund(String idempotencyKey, String paymentId, BigDecimal amount) throws Exception;

    record Result(boolean accepted, String reference, String reason) {}
  }

  public static Workflow<RefundRequested> workflow(RefundApi api) {
    return Workflow.builder("refund", RefundRequested.class)
        .startAt("refund-payment")
        .triggerId(r -> r.refundId().toString()) // a redelivered trigger starts nothing new
        .task(
            Tasks.idempotent("refund-payment", RefundRequested.class, RefundApi.Result.class)
                .identifiedBy(r -> "refund-" + r.refundId()) // also the idempotency key
                .attempt((r, taskId) -> api.refund(taskId, r.paymentId(), r.amount()))
                .decide(
                    (r, result) ->
                        result.accepted()
                            ? new Refunded(r.refundId(), result.reference())
                            : new RefundRejected(r.refundId(), result.reason()),
                    Refunded.class,
                    RefundRejected.class)
                .onFault( // once retries (exponential backoff by default) give up
                    (error, r, taskId) -> new RefundRejected(r.refundId(), "gave up: " + error),
                    RefundRejected.class)
                .outcome(Refunded.class)
                .outcome(RefundRejected.class)
                .build())
        .build();
  }
}
// README:end
