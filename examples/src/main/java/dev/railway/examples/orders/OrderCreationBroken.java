package dev.railway.examples.orders;

import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Risk;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import java.util.Set;

/**
 * A deliberately invalid draft of order creation, for the validator's tests and for trying {@code
 * railway validate}. It makes four classic mistakes, each marked {@code MISTAKE} below:
 *
 * <ul>
 *   <li>make-order, a State, has no fault mapping;
 *   <li>reserve-stock may emit ProductsMissing, an event with no target;
 *   <li>ship-order, a BlackBoxed task, has no compromise for a possible failure;
 *   <li>insufficient-funds is unreachable: nothing leads to it.
 * </ul>
 */
public final class OrderCreationBroken {
  public static final String NAME = "order-creation-broken";

  private OrderCreationBroken() {}

  public static Workflow<OrderPlaced> workflow() {
    OrderServices services = OrderServices.notConnected();
    return Workflow.builder(NAME, OrderPlaced.class)
        .startAt("make-order")
        .triggerId(placed -> placed.orderId().toString())
        .task(
            Tasks.idempotent("make-order", OrderPlaced.class, OrderBook.Entry.class)
                .identifiedBy(placed -> "order-" + placed.orderId())
                .attempt((placed, taskId) -> services.orderBook().make(taskId, placed.order()))
                .decide(
                    (placed, entry) ->
                        entry.accepted()
                            ? new OrderMade(placed.order())
                            : new OrderCancelled(placed.orderId(), entry.rejection()),
                    OrderMade.class,
                    OrderCancelled.class)
                // MISTAKE: no onFault(...): once the backoff gives up, nothing says where to go.
                .goTo(OrderMade.class, "reserve-stock")
                .outcome(OrderCancelled.class)
                .build())
        .task(
            Tasks.optimisticLock(
                    "reserve-stock",
                    OrderMade.class,
                    StockApi.Hold.class,
                    StockApi.Reservation.class)
                .identifiedBy(made -> "stock-" + made.order().orderId())
                .firstStep((made, taskId) -> services.stock().hold(taskId, made.order().lines()))
                .firstSteps((made, taskId) -> services.stock().holds(taskId))
                .completed((made, taskId) -> services.stock().confirmed(taskId))
                .secondStep((made, taskId, own) -> services.stock().confirm(own))
                .undo((made, taskId, hold) -> services.stock().release(hold))
                .decide(
                    OrderCreation::decideReservation,
                    StockReserved.class,
                    ProductsMissing.class,
                    OrderCancelled.class)
                .onFault(
                    (error, made, taskId) ->
                        new OrderCancelled(made.order().orderId(), error.toString()),
                    OrderCancelled.class)
                .goTo(StockReserved.class, "create-invoice")
                // MISTAKE: ProductsMissing is declared above but routed nowhere.
                .outcome(OrderCancelled.class)
                .build())
        .task(
            Tasks.pessimisticLock("create-invoice", StockReserved.class, InvoicingApi.Invoice.class)
                .identifiedBy(reserved -> "invoice-" + reserved.order().orderId())
                .attempt(
                    (reserved, taskId) -> services.invoicing().create(taskId, reserved.order()))
                .previous((reserved, taskId) -> services.invoicing().findByReference(taskId))
                .decide(
                    (reserved, invoice) -> new InvoiceCreated(reserved.order(), invoice.number()),
                    InvoiceCreated.class)
                .onFault(
                    (error, reserved, taskId) ->
                        new OrderCancelled(reserved.order().orderId(), error.toString()),
                    OrderCancelled.class)
                .goTo(InvoiceCreated.class, "ship-order")
                .outcome(OrderCancelled.class)
                .build())
        .task(
            Tasks.blackBoxed("ship-order", InvoiceCreated.class, String.class)
                .identifiedBy(invoiced -> "fulfil-" + invoiced.order().orderId())
                .attempt((invoiced, taskId) -> services.fulfilment().ship(invoiced.order()))
                .decide(
                    (invoiced, reference) ->
                        new OrderConfirmed(
                            invoiced.order().orderId(), invoiced.invoiceNumber(), reference),
                    OrderConfirmed.class)
                // MISTAKE: no compromise(...): a shipment that may or may not have happened has no
                // declared policy.
                .onFault(
                    (error, invoiced, taskId) ->
                        new OrderCancelled(invoiced.order().orderId(), error.toString()),
                    OrderCancelled.class)
                .outcome(OrderConfirmed.class)
                .outcome(OrderCancelled.class)
                .build())
        // MISTAKE: no task emits FundsInsufficient, so this task is unreachable.
        .task(
            Tasks.blackBoxed("insufficient-funds", FundsInsufficient.class, String.class)
                .identifiedBy(insufficient ->
                    "insufficient-funds-"
                        + insufficient.order().orderId()
                        + "-"
                        + insufficient.attempt())
                .attempt((insufficient, taskId) ->
                    services
                        .mailer()
                        .send(insufficient.order().customer(), "Payment failed", "Try again"))
                .decide(
                    (insufficient, messageId) ->
                        new CustomerNotified(
                            insufficient.order(),
                            insufficient.invoiceNumber(),
                            insufficient.attempt(),
                            messageId),
                    CustomerNotified.class)
                .compromise(
                    Compromise.atMostOnce()
                        .because(
                            new Rationale(
                                Visibility.INVISIBLE,
                                Necessity.SHOULD_HAPPEN,
                                Concern.CUSTOMER,
                                Set.of(Risk.REPUTATION),
                                "the checkout page shows the failed payment too")),
                    (insufficient, taskId, startedAt) ->
                        new CustomerMaybeNotified(
                            insufficient.order(),
                            insufficient.invoiceNumber(),
                            insufficient.attempt(),
                            startedAt),
                    CustomerMaybeNotified.class)
                .onFault(
                    (error, insufficient, taskId) ->
                        new OrderCancelled(insufficient.order().orderId(), error.toString()),
                    OrderCancelled.class)
                .outcome(CustomerNotified.class)
                .outcome(CustomerMaybeNotified.class)
                .outcome(OrderCancelled.class)
                .build())
        .build();
  }
}
