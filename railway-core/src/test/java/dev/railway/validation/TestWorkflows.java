package dev.railway.validation;

import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.IdempotentBuilder;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Risk;
import dev.railway.definition.Task;
import dev.railway.definition.Tasks;
import dev.railway.definition.TodoBuilder;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Events and workflows shared by the validator and diagram tests: one complete workflow that uses
 * every shape and integration kind, and small building blocks for workflows with one problem each.
 */
public final class TestWorkflows {
  private TestWorkflows() {}

  public record OrderPlaced(UUID orderId, String customer, int quantity) {}

  public record OrderMade(UUID orderId) {}

  public record StockReserved(UUID orderId) {}

  public record PaymentCharged(UUID orderId) {}

  public record OrderConfirmed(UUID orderId) {}

  public record OrderCancelled(UUID orderId, String reason) {}

  /** The events that ask a person to look at an order. */
  public sealed interface NeedsReview permits OutOfStock, PaymentUncertain, StillReviewing {
    UUID orderId();
  }

  public record OutOfStock(UUID orderId) implements NeedsReview {}

  public record PaymentUncertain(UUID orderId) implements NeedsReview {}

  public record StillReviewing(UUID orderId) implements NeedsReview {}

  public record Receipt(String reference) {}

  public record ReviewCase(UUID orderId) {}

  public record Verdict(String decision) {}

  public static final String START = "make-order";

  /**
   * A valid workflow with every kind: make-order (Idempotent) -> reserve-stock (OptimisticLock,
   * expires) -> charge-payment (BlackBoxed, HumanReview) -> create-invoice (PessimisticLock), and
   * support-review, a ToDo that cannot expire and may loop to itself.
   */
  public static Workflow<OrderPlaced> orders() {
    return workflow(
        makeOrder(), reserveStock(), chargePayment(), createInvoice(), supportReview().build());
  }

  /** A workflow of {@code tasks}, triggered by {@link OrderPlaced}, starting at the first task. */
  public static Workflow<OrderPlaced> workflow(Task<?>... tasks) {
    return Workflow.builder("orders-test", OrderPlaced.class)
        .startAt(tasks[0].name())
        .tasks(tasks)
        .build();
  }

  /**
   * An Idempotent task entered by {@link OrderPlaced} with an identifier, an attempt and a fault
   * mapping to the {@link OrderCancelled} outcome, but no decision yet: add one.
   */
  public static IdempotentBuilder<OrderPlaced, Receipt> step(String name) {
    return Tasks.idempotent(name, OrderPlaced.class, Receipt.class)
        .identifiedBy(e -> name + "-" + e.orderId())
        .attempt((e, id) -> new Receipt(id))
        .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .outcome(OrderCancelled.class);
  }

  /** A complete {@link #step} that confirms the order as the workflow's outcome. */
  public static Task<OrderPlaced> confirming(String name) {
    return step(name)
        .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
        .outcome(OrderConfirmed.class)
        .build();
  }

  /** A complete ToDo entered by {@link OrderPlaced}, without expiry declared: add one. */
  public static TodoBuilder<OrderPlaced, ReviewCase, Verdict> todo(String name) {
    return Tasks.todo(name, OrderPlaced.class, ReviewCase.class, Verdict.class)
        .identifiedBy(e -> name + "-" + e.orderId())
        .readModel((e, id) -> new ReviewCase(e.orderId()))
        .access((principal, model) -> principal.hasRole("support"))
        .contract(c -> c.decision() == null ? List.of("decision: missing") : List.of())
        .decide((model, c) -> new OrderConfirmed(model.orderId()), OrderConfirmed.class)
        .outcome(OrderConfirmed.class);
  }

  public static Task<OrderPlaced> makeOrder() {
    return Tasks.idempotent(START, OrderPlaced.class, Receipt.class)
        .identifiedBy(e -> "order-" + e.orderId())
        .attempt((e, id) -> new Receipt(id))
        .decide((e, r) -> new OrderMade(e.orderId()), OrderMade.class)
        .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .goTo(OrderMade.class, "reserve-stock")
        .outcome(OrderCancelled.class)
        .build();
  }

  public static Task<OrderMade> reserveStock() {
    return Tasks.optimisticLock("reserve-stock", OrderMade.class, String.class, Receipt.class)
        .identifiedBy(e -> "stock-" + e.orderId())
        .firstStep((e, id) -> "hold-" + id)
        .firstSteps((e, id) -> List.of("hold-" + id))
        .completed((e, id) -> Optional.<Receipt>empty())
        .secondStep((e, id, hold) -> new Receipt(hold))
        .undo((e, id, hold) -> {})
        .decide(
            (e, r) -> r == null ? new OutOfStock(e.orderId()) : new StockReserved(e.orderId()),
            StockReserved.class,
            OutOfStock.class)
        .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .expiresAfter(Duration.ofHours(1), (e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .goTo(StockReserved.class, "charge-payment")
        .goTo(OutOfStock.class, "support-review")
        .outcome(OrderCancelled.class)
        .build();
  }

  public static Task<StockReserved> chargePayment() {
    return Tasks.blackBoxed("charge-payment", StockReserved.class, Receipt.class)
        .identifiedBy(e -> "payment-" + e.orderId())
        .attempt((e, id) -> new Receipt(id))
        .decide((e, r) -> new PaymentCharged(e.orderId()), PaymentCharged.class)
        .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .compromise(
            Compromise.humanReview("support-review")
                .because(
                    new Rationale(
                        Visibility.SELF_EVIDENT,
                        Necessity.MUST_HAPPEN,
                        Concern.CUSTOMER,
                        Set.of(Risk.ECONOMIC_LOSS),
                        "a paid order is shipped once, or a person decides")),
            (e, id, startedAt) -> new PaymentUncertain(e.orderId()),
            PaymentUncertain.class)
        .goTo(PaymentCharged.class, "create-invoice")
        .goTo(PaymentUncertain.class, "support-review")
        .outcome(OrderCancelled.class)
        .build();
  }

  public static Task<PaymentCharged> createInvoice() {
    return Tasks.pessimisticLock("create-invoice", PaymentCharged.class, Receipt.class)
        .identifiedBy(e -> "invoice-" + e.orderId())
        .attempt((e, id) -> new Receipt(id))
        .previous((e, id) -> Optional.empty())
        .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
        .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .outcome(OrderConfirmed.class)
        .outcome(OrderCancelled.class)
        .build();
  }

  /** The customer-support review: a ToDo that cannot expire and may put itself off. */
  public static TodoBuilder<NeedsReview, ReviewCase, Verdict> supportReview() {
    return Tasks.todo("support-review", NeedsReview.class, ReviewCase.class, Verdict.class)
        .identifiedBy(e -> "review-" + e.orderId())
        .readModel((e, id) -> new ReviewCase(e.orderId()))
        .access((principal, model) -> principal.hasRole("support"))
        .contract(c -> c.decision() == null ? List.of("decision: missing") : List.of())
        .decide(
            (model, c) ->
                switch (c.decision()) {
                  case "confirm" -> new OrderConfirmed(model.orderId());
                  case "later" -> new StillReviewing(model.orderId());
                  default -> cancelled(model.orderId());
                },
            OrderConfirmed.class,
            OrderCancelled.class,
            StillReviewing.class)
        .cannotExpire()
        .outcome(OrderConfirmed.class)
        .outcome(OrderCancelled.class)
        .goTo(StillReviewing.class, "support-review");
  }

  public static OrderCancelled cancelled(UUID orderId) {
    return new OrderCancelled(orderId, "cancelled");
  }
}
