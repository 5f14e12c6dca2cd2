package dev.railway.examples.orders;

import dev.railway.definition.Backoff;
import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Endpoint;
import dev.railway.definition.Necessity;
import dev.railway.definition.Principal;
import dev.railway.definition.Rationale;
import dev.railway.definition.Risk;
import dev.railway.definition.StateTask;
import dev.railway.definition.Tasks;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The paper's order-creation workflow, one task per box of its diagram.
 *
 * <pre>
 * OrderPlaced -> make-order -> reserve-stock -> create-invoice -> create-payment-attempt
 *   reserve-stock -> continue-without-missing-product (some products missing)
 *   create-payment-attempt -> receive-payment -> payment-successful -> OrderConfirmed
 *   receive-payment -> insufficient-funds -> waiting-for-user-on-payment -> create-payment-attempt
 *   payment-successful -> customer-support-review (possible failure or fault; may postpone itself)
 * </pre>
 *
 * Faults and expiries that have nowhere better to go end in {@link OrderCancelled}, as in the
 * paper: they are the workflow's default exits, and only the tasks that must end otherwise map
 * their own (receive-payment's expiry, payment-successful's fault).
 */
public final class OrderCreation {
  public static final String NAME = "order-creation";

  public static final String MAKE_ORDER = "make-order";
  public static final String RESERVE_STOCK = "reserve-stock";
  public static final String CONTINUE_WITHOUT_MISSING_PRODUCT = "continue-without-missing-product";
  public static final String CREATE_INVOICE = "create-invoice";
  public static final String CREATE_PAYMENT_ATTEMPT = "create-payment-attempt";
  public static final String RECEIVE_PAYMENT = "receive-payment";
  public static final String PAYMENT_SUCCESSFUL = "payment-successful";
  public static final String INSUFFICIENT_FUNDS = "insufficient-funds";
  public static final String WAITING_FOR_USER_ON_PAYMENT = "waiting-for-user-on-payment";
  public static final String CUSTOMER_SUPPORT_REVIEW = "customer-support-review";

  /** Role of support agents: they may act on every ToDo of the workflow. */
  public static final String SUPPORT_ROLE = "support";

  /** Role of the payment provider's webhook sender. */
  public static final String PAYMENT_PROVIDER_ROLE = "payment-provider";

  /** After this many failed payment attempts a retry cancels the order instead. */
  public static final int MAX_PAYMENT_ATTEMPTS = 3;

  public static final Duration CUSTOMER_ANSWER_DEADLINE = Duration.ofDays(2);
  public static final Duration CHECKOUT_DEADLINE = Duration.ofHours(1);
  public static final Duration PAYMENT_RETRY_DEADLINE = Duration.ofDays(3);

  private OrderCreation() {}

  /**
   * How long one call to a third party may take, and the grace its lock adds: the lock lives for
   * both, and a process paused longer than the grace after its lock expired could act concurrently
   * with the next attempt.
   */
  public record Timings(Duration attemptTimeout, Duration lockGrace, Duration firstRetry) {
    public Timings {
      if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
        throw new IllegalArgumentException(
            "attemptTimeout must be positive; was " + attemptTimeout);
      }
      if (lockGrace == null || lockGrace.isNegative()) {
        throw new IllegalArgumentException("lockGrace must not be negative; was " + lockGrace);
      }
      if (firstRetry == null || firstRetry.isNegative() || firstRetry.isZero()) {
        throw new IllegalArgumentException("firstRetry must be positive; was " + firstRetry);
      }
    }

    /** Exponential retries from {@code firstRetry} up to 60 times that, 8 attempts in all. */
    <E> Backoff<E> backoff() {
      return Backoff.exponential(firstRetry, firstRetry.multipliedBy(60), 0.2, 8);
    }

    /** Production defaults: 10 s per call, 5 s of grace, retries from 1 s to 1 min. */
    public static Timings production() {
      return new Timings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }
  }

  /** The workflow, calling the given third parties, with production timings. */
  public static Workflow<OrderPlaced> workflow(OrderServices services) {
    return workflow(services, Timings.production());
  }

  /**
   * The workflow, calling the given third parties, with the given timings (a demo uses short ones).
   */
  public static Workflow<OrderPlaced> workflow(OrderServices services, Timings timings) {
    return Workflow.builder(NAME, OrderPlaced.class)
        .startAt(MAKE_ORDER)
        // A redelivered OrderPlaced must not start a second instance.
        .triggerId(placed -> placed.orderId().toString())
        // The paper's implicit exits: a fault or an expiry with nowhere better to go cancels the
        // order. Tasks that must not end that way (a paid order) map their own.
        .defaultFault(
            OrderEvent.class,
            (error, event, taskId) ->
                new OrderCancelled(event.order().orderId(), taskId + " failed: " + error),
            OrderCancelled.class)
        .defaultExpiry(
            OrderEvent.class,
            (event, taskId) ->
                new OrderCancelled(
                    event.order().orderId(), "nobody answered " + taskId + " in time"),
            OrderCancelled.class)
        .tasks(
            makeOrder(services.orderBook(), timings),
            reserveStock(services.stock(), timings),
            continueWithoutMissingProduct(),
            createInvoice(services.invoicing(), timings),
            createPaymentAttempt(services.payments(), timings),
            receivePayment(),
            paymentSuccessful(services.fulfilment(), timings),
            insufficientFunds(services.mailer(), timings),
            waitingForUserOnPayment(),
            customerSupportReview())
        .build();
  }

  // Idempotent: our own order service takes an idempotency key (the task id, derived from the
  // order id), so a retried or duplicated call records the order once.
  private static StateTask<OrderPlaced, OrderBook.Entry> makeOrder(
      OrderBook orderBook, Timings timings) {
    return Tasks.idempotent(MAKE_ORDER, OrderPlaced.class, OrderBook.Entry.class)
        .identifiedBy(placed -> "order-" + placed.orderId())
        .attempt((placed, taskId) -> orderBook.make(taskId, placed.order()))
        .decide(
            (placed, entry) ->
                entry.accepted()
                    ? new OrderMade(placed.order())
                    : new OrderCancelled(placed.orderId(), "refused: " + entry.rejection()),
            OrderMade.class,
            OrderCancelled.class)
        .goTo(OrderMade.class, RESERVE_STOCK)
        .outcome(OrderCancelled.class)
        .attemptTimeout(timings.attemptTimeout())
        .lockGrace(timings.lockGrace())
        .backoff(timings.backoff())
        .build();
  }

  // OptimisticLock: the stock API works in two steps. A hold tagged with the task id can be listed
  // and released; confirming the oldest live hold makes the reservation. Racing attempts release
  // their holds, so duplicates never reserve stock twice.
  private static StateTask<OrderMade, StockApi.Reservation> reserveStock(
      StockApi stock, Timings timings) {
    return Tasks.optimisticLock(
            RESERVE_STOCK, OrderMade.class, StockApi.Hold.class, StockApi.Reservation.class)
        .identifiedBy(made -> "stock-" + made.order().orderId())
        .firstStep((made, taskId) -> stock.hold(taskId, made.order().lines()))
        .firstSteps((made, taskId) -> stock.holds(taskId))
        .completed((made, taskId) -> stock.confirmed(taskId))
        .secondStep((made, taskId, own) -> stock.confirm(own))
        .undo((made, taskId, hold) -> stock.release(hold))
        .decide(
            OrderCreation::decideReservation,
            StockReserved.class,
            ProductsMissing.class,
            OrderCancelled.class)
        .goTo(StockReserved.class, CREATE_INVOICE)
        .goTo(ProductsMissing.class, CONTINUE_WITHOUT_MISSING_PRODUCT)
        .outcome(OrderCancelled.class)
        .attemptTimeout(timings.attemptTimeout())
        .lockGrace(timings.lockGrace())
        .backoff(timings.backoff())
        .build();
  }

  static Object decideReservation(OrderMade made, StockApi.Reservation reservation) {
    Order order = made.order();
    if (reservation.missing().isEmpty()) {
      return new StockReserved(order);
    }
    if (reservation.reserved().isEmpty()) {
      return new OrderCancelled(order.orderId(), "nothing of the order is in stock");
    }
    return new ProductsMissing(order, reservation.reserved(), reservation.missing());
  }

  // ToDo: the customer decides whether a partial order is still worth it.
  private static TodoTask<ProductsMissing, MissingProductsQuestion, MissingProductsAnswer>
      continueWithoutMissingProduct() {
    return Tasks.todo(
            CONTINUE_WITHOUT_MISSING_PRODUCT,
            ProductsMissing.class,
            MissingProductsQuestion.class,
            MissingProductsAnswer.class)
        .identifiedBy(missing -> "missing-products-" + missing.order().orderId())
        .readModel((missing, taskId) ->
            new MissingProductsQuestion(
                missing.order(),
                missing.available(),
                missing.missing(),
                missing.order().keepOnly(missing.available()).total()))
        .endpoint(Endpoint.httpRoute("orders/missing-products"))
        .access(
            "the customer who placed the order, or support",
            (principal, question) -> ownerOrSupport(principal, question.order()))
        .contract(
            answer -> required(answer.choice(), "choice", MissingProductsAnswer.Choice.values()))
        .decide(
            (question, answer) ->
                switch (answer.choice()) {
                  case CONTINUE ->
                      new StockReserved(question.order().keepOnly(question.available()));
                  case CANCEL ->
                      new OrderCancelled(
                          question.order().orderId(),
                          "the customer cancelled rather than continue without missing products");
                },
            StockReserved.class,
            OrderCancelled.class)
        .expiresAfter(CUSTOMER_ANSWER_DEADLINE)
        .goTo(StockReserved.class, CREATE_INVOICE)
        .outcome(OrderCancelled.class)
        .build();
  }

  // PessimisticLock: the invoicing API finds an invoice by our reference but cannot cancel one, so
  // a central lock keeps duplicates out and `previous` picks up an invoice created by an attempt
  // that died before recording it.
  private static StateTask<StockReserved, InvoicingApi.Invoice> createInvoice(
      InvoicingApi invoicing, Timings timings) {
    return Tasks.pessimisticLock(CREATE_INVOICE, StockReserved.class, InvoicingApi.Invoice.class)
        .identifiedBy(reserved -> "invoice-" + reserved.order().orderId())
        .attempt((reserved, taskId) -> invoicing.create(taskId, reserved.order()))
        .previous((reserved, taskId) -> invoicing.findByReference(taskId))
        .decide(
            (reserved, invoice) -> new InvoiceCreated(reserved.order(), invoice.number()),
            InvoiceCreated.class)
        .goTo(InvoiceCreated.class, CREATE_PAYMENT_ATTEMPT)
        .attemptTimeout(timings.attemptTimeout())
        .lockGrace(timings.lockGrace())
        .backoff(timings.backoff())
        .build();
  }

  // Idempotent: the payment provider honours an idempotency key; one key per payment attempt
  // (the attempt number is part of the task id) so a retry the customer asks for is a new payment.
  private static StateTask<PaymentRequired, PaymentProvider.PaymentAttempt> createPaymentAttempt(
      PaymentProvider payments, Timings timings) {
    return Tasks.idempotent(
            CREATE_PAYMENT_ATTEMPT, PaymentRequired.class, PaymentProvider.PaymentAttempt.class)
        .identifiedBy(OrderCreation::paymentReference)
        .attempt((required, taskId) ->
            payments.createAttempt(
                taskId,
                required.order().orderId(),
                required.order().customer(),
                required.order().total()))
        .decide(
            (required, attempt) ->
                new PaymentAttemptCreated(
                    required.order(),
                    required.invoiceNumber(),
                    required.attempt(),
                    paymentReference(required),
                    attempt.paymentId(),
                    attempt.checkoutUrl()),
            PaymentAttemptCreated.class)
        .goTo(PaymentAttemptCreated.class, RECEIVE_PAYMENT)
        .attemptTimeout(timings.attemptTimeout())
        .lockGrace(timings.lockGrace())
        .backoff(timings.backoff())
        .build();
  }

  /**
   * The create-payment-attempt task id, also the provider's idempotency key and the reference its
   * webhook echoes back.
   */
  public static String paymentReference(PaymentRequired required) {
    return "payment-" + required.order().orderId() + "-" + required.attempt();
  }

  // ToDo fed by the payment provider's webhook, located by the reference it echoes back. It
  // expires when the customer abandons the checkout.
  private static TodoTask<PaymentAttemptCreated, ExpectedPayment, PaymentWebhook> receivePayment() {
    return Tasks.todo(
            RECEIVE_PAYMENT,
            PaymentAttemptCreated.class,
            ExpectedPayment.class,
            PaymentWebhook.class)
        .identifiedBy(created -> receivePaymentTaskId(created.reference()))
        .readModel((created, taskId) ->
            new ExpectedPayment(
                created.order(),
                created.invoiceNumber(),
                created.attempt(),
                created.reference(),
                created.paymentId()))
        .endpoint(Endpoint.httpRoute("webhooks/payments"))
        .locatedBy(webhook -> receivePaymentTaskId(webhook.reference()))
        .access(
            "the payment provider's webhook",
            (principal, expected) -> principal.hasRole(PAYMENT_PROVIDER_ROLE))
        .contract(OrderCreation::webhookViolations)
        .decide(
            (expected, webhook) ->
                PaymentWebhook.SUCCEEDED.equals(webhook.status())
                    ? new PaymentReceived(
                        expected.order(), expected.invoiceNumber(), webhook.paymentId())
                    : new FundsInsufficient(
                        expected.order(), expected.invoiceNumber(), expected.attempt()),
            PaymentReceived.class,
            FundsInsufficient.class)
        .expiresAfter(
            CHECKOUT_DEADLINE,
            (created, taskId) ->
                new PaymentAbandoned(created.order(), created.invoiceNumber(), created.attempt()),
            PaymentAbandoned.class)
        .goTo(PaymentReceived.class, PAYMENT_SUCCESSFUL)
        .goTo(FundsInsufficient.class, INSUFFICIENT_FUNDS)
        .goTo(PaymentAbandoned.class, WAITING_FOR_USER_ON_PAYMENT)
        .build();
  }

  /** The receive-payment task id for a payment reference (what the webhook carries). */
  public static String receivePaymentTaskId(String paymentReference) {
    return "receive-" + paymentReference;
  }

  static List<String> webhookViolations(PaymentWebhook webhook) {
    List<String> violations = new ArrayList<>();
    if (webhook.reference() == null || webhook.reference().isBlank()) {
      violations.add("reference is required; was '" + webhook.reference() + "'");
    }
    if (webhook.paymentId() == null || webhook.paymentId().isBlank()) {
      violations.add("paymentId is required; was '" + webhook.paymentId() + "'");
    }
    if (!PaymentWebhook.SUCCEEDED.equals(webhook.status())
        && !PaymentWebhook.INSUFFICIENT_FUNDS.equals(webhook.status())) {
      violations.add(
          "status must be '"
              + PaymentWebhook.SUCCEEDED
              + "' or '"
              + PaymentWebhook.INSUFFICIENT_FUNDS
              + "'; was '"
              + webhook.status()
              + "'");
    }
    if (webhook.amount() == null || webhook.amount().signum() <= 0) {
      violations.add("amount must be positive; was " + webhook.amount());
    }
    return violations;
  }

  // BlackBoxed: the warehouse API is opaque (no key, no lookup, no cancel). Shipping twice costs
  // goods, never shipping a paid order costs a customer: a possible failure goes to a person.
  private static StateTask<PaymentReceived, String> paymentSuccessful(
      Fulfilment fulfilment, Timings timings) {
    return Tasks.blackBoxed(PAYMENT_SUCCESSFUL, PaymentReceived.class, String.class)
        .identifiedBy(received -> "fulfil-" + received.order().orderId())
        .attempt((received, taskId) -> fulfilment.ship(received.order()))
        .decide(
            (received, warehouseReference) ->
                new OrderConfirmed(
                    received.order().orderId(), received.invoiceNumber(), warehouseReference),
            OrderConfirmed.class)
        .compromise(
            Compromise.humanReview(CUSTOMER_SUPPORT_REVIEW)
                .because(
                    new Rationale(
                        Visibility.SELF_EVIDENT,
                        Necessity.MUST_HAPPEN,
                        Concern.CUSTOMER,
                        Set.of(Risk.ECONOMIC_LOSS, Risk.REPUTATION),
                        "a paid order must ship, but shipping it twice gives goods away: when in"
                            + " doubt, support checks with the warehouse")),
            (received, taskId, startedAt) ->
                new FulfilmentUncertain(received.order(), received.invoiceNumber(), startedAt),
            FulfilmentUncertain.class)
        // The order is paid: never cancel it silently, hand it to support.
        .onFault(
            (error, received, taskId) ->
                new FulfilmentFailed(received.order(), received.invoiceNumber(), error.toString()),
            FulfilmentFailed.class)
        .outcome(OrderConfirmed.class)
        .goTo(FulfilmentUncertain.class, CUSTOMER_SUPPORT_REVIEW)
        .goTo(FulfilmentFailed.class, CUSTOMER_SUPPORT_REVIEW)
        .attemptTimeout(timings.attemptTimeout())
        .lockGrace(timings.lockGrace())
        .backoff(timings.backoff())
        .build();
  }

  // BlackBoxed: once the e-mail provider accepted a message we cannot ask whether it went out.
  // AtMostOnce: two mails about a failed payment look like phishing; if unsure, we wait for the
  // customer anyway (the checkout page shows the failed payment too).
  private static StateTask<FundsInsufficient, String> insufficientFunds(
      Mailer mailer, Timings timings) {
    return Tasks.blackBoxed(INSUFFICIENT_FUNDS, FundsInsufficient.class, String.class)
        .identifiedBy(insufficient ->
            "insufficient-funds-" + insufficient.order().orderId() + "-" + insufficient.attempt())
        .attempt((insufficient, taskId) ->
            mailer.send(
                insufficient.order().customer(),
                "Your payment did not go through",
                "We could not take payment attempt "
                    + insufficient.attempt()
                    + " for invoice "
                    + insufficient.invoiceNumber()
                    + ": insufficient funds. You can try again from your order page."))
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
                        "the checkout page shows the failed payment too, and two e-mails about"
                            + " money look like phishing")),
            (insufficient, taskId, startedAt) ->
                new CustomerMaybeNotified(
                    insufficient.order(),
                    insufficient.invoiceNumber(),
                    insufficient.attempt(),
                    startedAt),
            CustomerMaybeNotified.class)
        .goTo(CustomerNotified.class, WAITING_FOR_USER_ON_PAYMENT)
        .goTo(CustomerMaybeNotified.class, WAITING_FOR_USER_ON_PAYMENT)
        .attemptTimeout(timings.attemptTimeout())
        .lockGrace(timings.lockGrace())
        .backoff(timings.backoff())
        .build();
  }

  // ToDo: the customer retries the payment or gives up; silence cancels the order.
  private static TodoTask<AwaitingPaymentRetry, PaymentRetryQuestion, PaymentRetryAnswer>
      waitingForUserOnPayment() {
    return Tasks.todo(
            WAITING_FOR_USER_ON_PAYMENT,
            AwaitingPaymentRetry.class,
            PaymentRetryQuestion.class,
            PaymentRetryAnswer.class)
        .identifiedBy(
            awaiting -> "payment-retry-" + awaiting.order().orderId() + "-" + awaiting.attempt())
        .readModel((awaiting, taskId) ->
            new PaymentRetryQuestion(
                awaiting.order(), awaiting.invoiceNumber(), awaiting.attempt(), awaiting.reason()))
        .endpoint(Endpoint.httpRoute("orders/payment-retry"))
        .access(
            "the customer who placed the order, or support",
            (principal, question) -> ownerOrSupport(principal, question.order()))
        .contract(answer -> required(answer.choice(), "choice", PaymentRetryAnswer.Choice.values()))
        .decide(OrderCreation::decidePaymentRetry, PaymentRetried.class, OrderCancelled.class)
        .expiresAfter(PAYMENT_RETRY_DEADLINE)
        .goTo(PaymentRetried.class, CREATE_PAYMENT_ATTEMPT)
        .outcome(OrderCancelled.class)
        .build();
  }

  static Object decidePaymentRetry(PaymentRetryQuestion question, PaymentRetryAnswer answer) {
    Order order = question.order();
    return switch (answer.choice()) {
      case RETRY ->
          question.attempt() < MAX_PAYMENT_ATTEMPTS
              ? new PaymentRetried(order, question.invoiceNumber(), question.attempt() + 1)
              : new OrderCancelled(
                  order.orderId(), "payment failed " + question.attempt() + " times");
      case GIVE_UP -> new OrderCancelled(order.orderId(), "the customer gave up paying");
    };
  }

  // ToDo that cannot expire: a paid order whose shipment is in doubt stays open until a person
  // resolves it. Postponing re-enters the task as a new review (round + 1), a loop the validator
  // accepts only because the task is declared cannotExpire().
  private static TodoTask<SupportReviewNeeded, SupportCase, SupportResolution>
      customerSupportReview() {
    return Tasks.todo(
            CUSTOMER_SUPPORT_REVIEW,
            SupportReviewNeeded.class,
            SupportCase.class,
            SupportResolution.class)
        .identifiedBy(needed -> "support-review-" + needed.order().orderId() + "-" + needed.round())
        .readModel((needed, taskId) ->
            new SupportCase(
                needed.order(), needed.invoiceNumber(), needed.round(), needed.reason()))
        .endpoint(Endpoint.httpRoute("support/reviews"))
        .access("support agents", (principal, supportCase) -> principal.hasRole(SUPPORT_ROLE))
        .contract(OrderCreation::resolutionViolations)
        .decide(
            OrderCreation::decideSupportReview,
            OrderConfirmed.class,
            OrderCancelled.class,
            ReviewPostponed.class)
        .cannotExpire()
        .outcome(OrderConfirmed.class)
        .outcome(OrderCancelled.class)
        .goTo(ReviewPostponed.class, CUSTOMER_SUPPORT_REVIEW)
        .build();
  }

  static List<String> resolutionViolations(SupportResolution resolution) {
    List<String> violations =
        new ArrayList<>(
            required(resolution.resolution(), "resolution", SupportResolution.Resolution.values()));
    if (resolution.resolution() == SupportResolution.Resolution.SHIPPED
        && blank(resolution.warehouseReference())) {
      violations.add(
          "warehouseReference is required when the resolution is SHIPPED; was '"
              + resolution.warehouseReference()
              + "'");
    }
    if ((resolution.resolution() == SupportResolution.Resolution.CANCEL
            || resolution.resolution() == SupportResolution.Resolution.POSTPONE)
        && blank(resolution.note())) {
      violations.add(
          "note is required when the resolution is "
              + resolution.resolution()
              + "; was '"
              + resolution.note()
              + "'");
    }
    return violations;
  }

  static Object decideSupportReview(SupportCase supportCase, SupportResolution resolution) {
    Order order = supportCase.order();
    return switch (resolution.resolution()) {
      case SHIPPED ->
          new OrderConfirmed(
              order.orderId(), supportCase.invoiceNumber(), resolution.warehouseReference());
      case CANCEL -> new OrderCancelled(order.orderId(), "support: " + resolution.note());
      case POSTPONE ->
          new ReviewPostponed(
              order, supportCase.invoiceNumber(), supportCase.round() + 1, resolution.note());
    };
  }

  // The customer owns the order; support may act for them.
  static boolean ownerOrSupport(Principal principal, Order order) {
    return principal.name().equals(order.customer()) || principal.hasRole(SUPPORT_ROLE);
  }

  private static List<String> required(Object value, String field, Object[] allowed) {
    return value == null
        ? List.of(field + " is required, one of " + List.of(allowed) + "; was null")
        : List.of();
  }

  private static boolean blank(String value) {
    return Optional.ofNullable(value).map(String::isBlank).orElse(true);
  }
}
