package dev.railway.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Cause;
import dev.railway.definition.Compromise;
import dev.railway.definition.Expiration;
import dev.railway.definition.Integration;
import dev.railway.definition.IntegrationKind;
import dev.railway.definition.Necessity;
import dev.railway.definition.Principal;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import dev.railway.validation.ValidationReport;
import dev.railway.validation.WorkflowValidator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderCreationTest {
  private static final Workflow<OrderPlaced> WORKFLOW =
      OrderCreation.workflow(OrderServices.notConnected());
  private static final UUID ID = UUID.fromString("6ddcfdc3-8769-4f53-9cb8-66f6d6aa9b69");
  private static final OrderLine BOOK = new OrderLine("book", 2, new BigDecimal("10.00"));
  private static final OrderLine LAMP = new OrderLine("lamp", 1, new BigDecimal("35.50"));
  private static final Order ORDER =
      new Order(ID, "alice", List.of(BOOK, LAMP), new BigDecimal("55.50"));

  @Test
  void hasEveryTaskOfThePaperWithTheChosenKinds() {
    assertThat(WORKFLOW.tasks())
        .extracting(Task::name, Task::shape)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("make-order", "State/Idempotent"),
            org.assertj.core.groups.Tuple.tuple("reserve-stock", "State/OptimisticLock"),
            org.assertj.core.groups.Tuple.tuple("continue-without-missing-product", "ToDo"),
            org.assertj.core.groups.Tuple.tuple("create-invoice", "State/PessimisticLock"),
            org.assertj.core.groups.Tuple.tuple("create-payment-attempt", "State/Idempotent"),
            org.assertj.core.groups.Tuple.tuple("receive-payment", "ToDo"),
            org.assertj.core.groups.Tuple.tuple("payment-successful", "State/BlackBoxed"),
            org.assertj.core.groups.Tuple.tuple("insufficient-funds", "State/BlackBoxed"),
            org.assertj.core.groups.Tuple.tuple("waiting-for-user-on-payment", "ToDo"),
            org.assertj.core.groups.Tuple.tuple("customer-support-review", "ToDo"));
    assertThat(WORKFLOW.startTask()).isEqualTo("make-order");
    assertThat(
            WORKFLOW.triggerId().apply(new OrderPlaced(ID, "alice", List.of(BOOK), BOOK.amount())))
        .isEqualTo(ID.toString());
  }

  @Test
  void satisfiesTheGraphRules() {
    assertThat(GraphChecks.findings(WORKFLOW)).isEmpty();
  }

  @Test
  void passesTheValidator() {
    ValidationReport report = WorkflowValidator.validate(WORKFLOW);
    assertThat(report.problems()).as(report.format()).isEmpty();
  }

  @Test
  void compromisesMatchTheRiskOfEachOpaqueThirdParty() {
    assertThat(compromiseOf("payment-successful").describe())
        .isEqualTo(Compromise.humanReview("customer-support-review").describe());
    assertThat(compromiseOf("insufficient-funds").describe())
        .isEqualTo(Compromise.atMostOnce().describe());
  }

  @Test
  void everyCompromiseSaysWhyAndRaisesNoWarning() {
    ValidationReport report = WorkflowValidator.validate(WORKFLOW);
    assertThat(compromiseOf("payment-successful").rationale().necessity())
        .isEqualTo(Necessity.MUST_HAPPEN);
    assertThat(compromiseOf("insufficient-funds").rationale().visibility())
        .isEqualTo(Visibility.INVISIBLE);
    assertThat(report.warnings()).as(report.format()).isEmpty();
  }

  @Test
  void faultsAndExpiriesThatCancelTheOrderAreTheWorkflowsDefaultExits() {
    assertThat(
            WORKFLOW.tasks().stream()
                .filter(t -> WORKFLOW.usesDefaultExit(t, Cause.FAULT))
                .map(Task::name))
        .containsExactly(
            "make-order",
            "reserve-stock",
            "create-invoice",
            "create-payment-attempt",
            "insufficient-funds");
    assertThat(
            WORKFLOW.tasks().stream()
                .filter(t -> WORKFLOW.usesDefaultExit(t, Cause.EXPIRY))
                .map(Task::name))
        .containsExactly("continue-without-missing-product", "waiting-for-user-on-payment");
    // Those that must not end in a cancellation keep their own mapping.
    assertThat(
            WORKFLOW.usesDefaultExit(
                WORKFLOW.task("payment-successful").orElseThrow(), Cause.FAULT))
        .isFalse();
    assertThat(
            WORKFLOW.usesDefaultExit(WORKFLOW.task("receive-payment").orElseThrow(), Cause.EXPIRY))
        .isFalse();
  }

  @Test
  void aTaskUsingTheDefaultFaultExitCancelsTheOrderWithTheFailingTaskInTheReason() {
    StateTask<?, ?> invoice = state("create-invoice");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object cancelled =
        ((dev.railway.definition.FaultMapping) invoice.faultMapping())
            .map(new IllegalStateException("down"), new StockReserved(ORDER), "invoice-" + ID);
    assertThat(cancelled)
        .isEqualTo(
            new OrderCancelled(
                ID, "invoice-" + ID + " failed: java.lang.IllegalStateException: down"));
    assertThat(invoice.targetOf(OrderCancelled.class))
        .hasValueSatisfying(t -> assertThat(t.describe()).isEqualTo("outcome"));
  }

  @Test
  void onlyTheSupportReviewCannotExpireAndItLoopsToItself() {
    Task<?> review = WORKFLOW.task("customer-support-review").orElseThrow();
    assertThat(review.expiration()).isInstanceOf(Expiration.CannotExpire.class);
    assertThat(review.targetOf(ReviewPostponed.class))
        .hasValueSatisfying(
            t -> assertThat(t.describe()).isEqualTo("task 'customer-support-review'"));
    assertThat(
            WORKFLOW.tasks().stream()
                .filter(t -> t.shape().equals("ToDo"))
                .filter(t -> !t.name().equals("customer-support-review")))
        .allSatisfy(t -> assertThat(t.expiration().canExpire()).as(t.name()).isTrue());
  }

  @Test
  void identifiersComeOnlyFromTheEventAndSeparatePaymentAttempts() {
    assertThat(idOf("make-order", new OrderPlaced(ID, "alice", ORDER.lines(), ORDER.total())))
        .isEqualTo("order-" + ID);
    assertThat(idOf("create-payment-attempt", new InvoiceCreated(ORDER, "INV-1")))
        .isEqualTo("payment-" + ID + "-1");
    assertThat(idOf("create-payment-attempt", new PaymentRetried(ORDER, "INV-1", 2)))
        .isEqualTo("payment-" + ID + "-2");
    assertThat(idOf("customer-support-review", new ReviewPostponed(ORDER, "INV-1", 3, "later")))
        .isEqualTo("support-review-" + ID + "-3");
  }

  @Test
  void theWebhookFindsTheReceivePaymentTaskByItsReference() {
    String reference = OrderCreation.paymentReference(new InvoiceCreated(ORDER, "INV-1"));
    String taskId =
        idOf(
            "receive-payment",
            new PaymentAttemptCreated(ORDER, "INV-1", 1, reference, "pay-9", null));
    TodoTask<PaymentAttemptCreated, ExpectedPayment, PaymentWebhook> receive =
        todo("receive-payment");
    assertThat(
            receive
                .locator()
                .taskId(new PaymentWebhook(reference, "pay-9", "succeeded", ORDER.total())))
        .isEqualTo(taskId);
  }

  @Test
  void reservationDecidesBetweenReservedMissingAndNothing() {
    OrderMade made = new OrderMade(ORDER);
    assertThat(
            OrderCreation.decideReservation(
                made, new StockApi.Reservation("h1", ORDER.lines(), List.of())))
        .isEqualTo(new StockReserved(ORDER));
    assertThat(
            OrderCreation.decideReservation(
                made, new StockApi.Reservation("h1", List.of(BOOK), List.of(LAMP))))
        .isEqualTo(new ProductsMissing(ORDER, List.of(BOOK), List.of(LAMP)));
    assertThat(
            OrderCreation.decideReservation(
                made, new StockApi.Reservation("h1", List.of(), ORDER.lines())))
        .isInstanceOf(OrderCancelled.class);
  }

  @Test
  void continuingWithoutMissingProductsLowersTheTotal() {
    TodoTask<ProductsMissing, MissingProductsQuestion, MissingProductsAnswer> task =
        todo("continue-without-missing-product");
    MissingProductsQuestion question =
        task.readModel()
            .readModel(new ProductsMissing(ORDER, List.of(BOOK), List.of(LAMP)), "missing-x");
    assertThat(question.totalWithoutMissing()).isEqualByComparingTo("20.00");
    Object decision =
        task.decider()
            .decide(question, new MissingProductsAnswer(MissingProductsAnswer.Choice.CONTINUE));
    assertThat(decision)
        .isEqualTo(
            new StockReserved(new Order(ID, "alice", List.of(BOOK), new BigDecimal("20.00"))));
    assertThat(task.contract().violations(new MissingProductsAnswer(null)))
        .singleElement()
        .asString()
        .contains("choice is required");
  }

  @Test
  void paymentRetriesStopAtTheLimit() {
    PaymentRetryAnswer retry = new PaymentRetryAnswer(PaymentRetryAnswer.Choice.RETRY);
    assertThat(
            OrderCreation.decidePaymentRetry(
                new PaymentRetryQuestion(ORDER, "INV-1", 1, "insufficient funds"), retry))
        .isEqualTo(new PaymentRetried(ORDER, "INV-1", 2));
    assertThat(
            OrderCreation.decidePaymentRetry(
                new PaymentRetryQuestion(
                    ORDER, "INV-1", OrderCreation.MAX_PAYMENT_ATTEMPTS, "insufficient funds"),
                retry))
        .isInstanceOf(OrderCancelled.class);
    assertThat(
            OrderCreation.decidePaymentRetry(
                new PaymentRetryQuestion(ORDER, "INV-1", 1, "no payment"),
                new PaymentRetryAnswer(PaymentRetryAnswer.Choice.GIVE_UP)))
        .isEqualTo(new OrderCancelled(ID, "the customer gave up paying"));
  }

  @Test
  void supportCanConfirmCancelOrPostpone() {
    SupportCase supportCase = new SupportCase(ORDER, "INV-1", 0, "uncertain");
    assertThat(
            OrderCreation.decideSupportReview(
                supportCase,
                new SupportResolution(SupportResolution.Resolution.SHIPPED, "WH-7", null)))
        .isEqualTo(new OrderConfirmed(ID, "INV-1", "WH-7"));
    assertThat(
            OrderCreation.decideSupportReview(
                supportCase,
                new SupportResolution(SupportResolution.Resolution.POSTPONE, null, "ask again")))
        .isEqualTo(new ReviewPostponed(ORDER, "INV-1", 1, "ask again"));
    assertThat(
            OrderCreation.decideSupportReview(
                supportCase,
                new SupportResolution(SupportResolution.Resolution.CANCEL, null, "lost")))
        .isEqualTo(new OrderCancelled(ID, "support: lost"));
  }

  @Test
  void contractsListEveryViolationWithTheBadValue() {
    assertThat(
            OrderCreation.webhookViolations(new PaymentWebhook(" ", null, "paid", BigDecimal.ZERO)))
        .hasSize(4)
        .anySatisfy(v -> assertThat(v).contains("status").contains("'paid'"))
        .anySatisfy(v -> assertThat(v).contains("amount must be positive; was 0"));
    assertThat(
            OrderCreation.webhookViolations(
                new PaymentWebhook("payment-x-1", "pay-1", "insufficient_funds", BigDecimal.TEN)))
        .isEmpty();
    assertThat(
            OrderCreation.resolutionViolations(
                new SupportResolution(SupportResolution.Resolution.SHIPPED, "", null)))
        .singleElement()
        .asString()
        .contains("warehouseReference is required");
    assertThat(OrderCreation.resolutionViolations(new SupportResolution(null, null, null)))
        .singleElement()
        .asString()
        .contains("resolution is required");
  }

  @Test
  void accessRulesKnowOwnersSupportAndThePaymentProvider() {
    assertThat(OrderCreation.ownerOrSupport(Principal.of("alice"), ORDER)).isTrue();
    assertThat(OrderCreation.ownerOrSupport(Principal.of("bob"), ORDER)).isFalse();
    assertThat(OrderCreation.ownerOrSupport(Principal.of("carol", "support"), ORDER)).isTrue();
    TodoTask<PaymentAttemptCreated, ExpectedPayment, PaymentWebhook> receive =
        todo("receive-payment");
    ExpectedPayment expected = new ExpectedPayment(ORDER, "INV-1", 1, "payment-x-1", "pay-1");
    assertThat(receive.accessRule().allows(Principal.of("psp", "payment-provider"), expected))
        .isTrue();
    assertThat(receive.accessRule().allows(Principal.of("alice"), expected)).isFalse();
  }

  @Test
  void possibleFailuresLeadToPeopleOrToWaiting() {
    StateTask<?, ?> fulfil = state("payment-successful");
    assertThat(fulfil.kind()).isEqualTo(IntegrationKind.BLACK_BOXED);
    @SuppressWarnings("unchecked")
    Integration.BlackBoxed<PaymentReceived, ?> blackBoxed =
        (Integration.BlackBoxed<PaymentReceived, ?>) fulfil.integration();
    Instant started = Instant.parse("2025-01-01T10:00:00Z");
    assertThat(
            blackBoxed
                .uncertainty()
                .map(new PaymentReceived(ORDER, "INV-1", "pay-1"), "fulfil-x", started))
        .isEqualTo(new FulfilmentUncertain(ORDER, "INV-1", started));
  }

  @Test
  void unconnectedServicesSayHowToRunTheExample() {
    OrderServices services = OrderServices.notConnected();
    assertThatThrownBy(() -> services.fulfilment().ship(ORDER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Fulfilment.ship")
        .hasMessageContaining("not connected")
        .hasMessageContaining("./railway demo");
  }

  @Test
  void theBrokenDraftHasItsFourMistakes() {
    assertThat(GraphChecks.findings(OrderCreationBroken.workflow()))
        .containsExactlyInAnyOrder(
            "no fault mapping: make-order",
            "no target: reserve-stock ProductsMissing",
            "no compromise: ship-order",
            "unreachable: insufficient-funds");
  }

  @Test
  void theValidatorNamesTheBrokenDraftsMistakes() {
    ValidationReport report = WorkflowValidator.validate(OrderCreationBroken.workflow());
    assertThat(report.problems())
        .as("the validator reports the broken draft's mistakes")
        .isNotEmpty();
    assertThat(report.format().toLowerCase(java.util.Locale.ROOT))
        .contains("no target", "unreachable", "fault mapping", "compromise")
        .contains("make-order", "reserve-stock", "ship-order", "insufficient-funds");
  }

  private static Compromise compromiseOf(String taskName) {
    return ((Integration.BlackBoxed<?, ?>) state(taskName).integration()).compromise();
  }

  private static StateTask<?, ?> state(String taskName) {
    return (StateTask<?, ?>) WORKFLOW.task(taskName).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static <E, M, C> TodoTask<E, M, C> todo(String taskName) {
    return (TodoTask<E, M, C>) WORKFLOW.task(taskName).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static <E> String idOf(String taskName, E event) {
    return ((Task<E>) WORKFLOW.task(taskName).orElseThrow()).identifier().identify(event);
  }
}
