package dev.railway.validation;

import static dev.railway.validation.TestWorkflows.cancelled;
import static dev.railway.validation.TestWorkflows.confirming;
import static dev.railway.validation.TestWorkflows.step;
import static dev.railway.validation.TestWorkflows.todo;
import static dev.railway.validation.TestWorkflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Task;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import dev.railway.validation.TestWorkflows.NeedsReview;
import dev.railway.validation.TestWorkflows.OrderCancelled;
import dev.railway.validation.TestWorkflows.OrderConfirmed;
import dev.railway.validation.TestWorkflows.OrderMade;
import dev.railway.validation.TestWorkflows.OrderPlaced;
import dev.railway.validation.TestWorkflows.OutOfStock;
import dev.railway.validation.TestWorkflows.Receipt;
import dev.railway.validation.TestWorkflows.ReviewCase;
import dev.railway.validation.TestWorkflows.StillReviewing;
import dev.railway.validation.TestWorkflows.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkflowValidatorTest {

  /** {@code rule @ task} of every problem, in report order. */
  static List<String> found(Workflow<?> workflow) {
    return WorkflowValidator.validate(workflow).problems().stream()
        .map(p -> p.rule() + " @ " + p.task())
        .toList();
  }

  static List<Problem> problems(Workflow<?> workflow, String rule) {
    return WorkflowValidator.validate(workflow).problems(rule);
  }

  @Test
  void theCompleteExampleIsValid() {
    ValidationReport report = WorkflowValidator.validate(TestWorkflows.orders());

    assertThat(report.problems()).isEmpty();
    assertThat(report.isValid()).isTrue();
    assertThat(report.format()).isEqualTo("workflow orders-test@1: valid, no problems\n");
  }

  @Test
  void everyProblemIsReportedAtOnceInDeclarationOrder() {
    Task<OrderPlaced> noFaultMapping =
        Tasks.idempotent("first", OrderPlaced.class, Receipt.class)
            .identifiedBy(e -> "first-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> e, OrderPlaced.class)
            .goTo(OrderPlaced.class, "second")
            .build();
    Task<OrderPlaced> blackBoxed =
        Tasks.blackBoxed("second", OrderPlaced.class, Receipt.class)
            .identifiedBy(e -> "second-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
            .outcome(OrderCancelled.class)
            .build();
    Task<OrderPlaced> orphan = confirming("orphan");

    assertThat(found(workflow(noFaultMapping, blackBoxed, orphan)))
        .containsExactly(
            "State without fault mapping @ first",
            "BlackBoxed task without compromise @ second",
            "event with no target @ second",
            "unreachable task @ orphan");
  }

  @Test
  void theReportIsDeterministic() {
    Workflow<OrderPlaced> broken =
        workflow(
            step("a").decide((e, r) -> e, OrderPlaced.class).build(),
            todo("b").build(),
            confirming("c"));

    assertThat(WorkflowValidator.validate(broken).problems())
        .isEqualTo(WorkflowValidator.validate(broken).problems())
        .hasSizeGreaterThanOrEqualTo(3);
  }

  @Nested
  class StartTask {
    @Test
    void anUnknownStartTaskIsReported() {
      Workflow<OrderPlaced> workflow =
          Workflow.builder("w", OrderPlaced.class).startAt("nope").task(confirming("a")).build();

      List<Problem> problems = problems(workflow, "unknown start task");

      assertThat(problems).singleElement().satisfies(p -> assertThat(p.task()).isEqualTo("nope"));
      assertThat(problems.getFirst().fix()).contains("[a]");
      // Reachability is undefined without a start: only one problem, not one per task.
      assertThat(problems(workflow, "unreachable task")).isEmpty();
    }

    @Test
    void aKnownStartTaskPasses() {
      assertThat(problems(workflow(confirming("a")), "unknown start task")).isEmpty();
    }

    @Test
    void aTriggerTheStartTaskCannotTakeIsReported() {
      Task<OrderMade> start =
          Tasks.idempotent("start", OrderMade.class, Receipt.class)
              .identifiedBy(e -> "start-" + e.orderId())
              .attempt((e, id) -> new Receipt(id))
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(problems(workflow(start), "event does not fit the target task"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("OrderPlaced", "'start'", "OrderMade"));
    }

    @Test
    void aTriggerImplementingTheStartTasksSealedInputPasses() {
      Workflow<OutOfStock> workflow =
          Workflow.builder("review-only", OutOfStock.class)
              .startAt("support-review")
              .task(TestWorkflows.supportReview().build())
              .build();

      assertThat(WorkflowValidator.validate(workflow).problems()).isEmpty();
    }
  }

  @Nested
  class DuplicateTaskName {
    @Test
    void theSecondTaskWithANameIsReported() {
      assertThat(found(workflow(confirming("a"), confirming("a"))))
          .contains("duplicate task name @ a")
          .filteredOn(s -> s.startsWith("duplicate"))
          .hasSize(1);
    }

    @Test
    void distinctNamesPass() {
      Task<OrderPlaced> a =
          step("a").decide((e, r) -> e, OrderPlaced.class).goTo(OrderPlaced.class, "b").build();

      assertThat(found(workflow(a, confirming("b")))).isEmpty();
    }
  }

  @Nested
  class MissingIdentifier {
    @Test
    void aTaskWithoutIdentifierIsReported() {
      Task<OrderPlaced> task =
          Tasks.idempotent("a", OrderPlaced.class, Receipt.class)
              .attempt((e, id) -> new Receipt(id))
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(found(workflow(task))).containsExactly("missing identifier @ a");
    }

    @Test
    void aTaskWithIdentifierPasses() {
      assertThat(problems(workflow(confirming("a")), "missing identifier")).isEmpty();
    }
  }

  @Nested
  class MissingFunction {
    @Test
    void idempotentWithoutAttemptOrDecider() {
      Task<OrderPlaced> task =
          Tasks.idempotent("a", OrderPlaced.class, Receipt.class)
              .identifiedBy(e -> "a-" + e.orderId())
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(problems(workflow(task), "missing function"))
          .extracting(Problem::message)
          .containsExactly(
              "Idempotent task 'a' is missing its attempt function",
              "Idempotent task 'a' is missing its decider function");
    }

    @Test
    void pessimisticLockWithoutAttemptAndPrevious() {
      Task<OrderPlaced> task =
          Tasks.pessimisticLock("a", OrderPlaced.class, Receipt.class)
              .identifiedBy(e -> "a-" + e.orderId())
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(problems(workflow(task), "missing function"))
          .extracting(Problem::message)
          .containsExactly(
              "PessimisticLock task 'a' is missing its attempt function",
              "PessimisticLock task 'a' is missing its previous function");
    }

    @Test
    void optimisticLockWithoutItsFourFunctions() {
      Task<OrderPlaced> task =
          Tasks.optimisticLock("a", OrderPlaced.class, String.class, Receipt.class)
              .identifiedBy(e -> "a-" + e.orderId())
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(problems(workflow(task), "missing function"))
          .extracting(Problem::message)
          .containsExactly(
              "OptimisticLock task 'a' is missing its firstStep function",
              "OptimisticLock task 'a' is missing its firstSteps function",
              "OptimisticLock task 'a' is missing its completed function",
              "OptimisticLock task 'a' is missing its secondStep function");
    }

    @Test
    void blackBoxedWithoutAttempt() {
      Task<OrderPlaced> task =
          Tasks.blackBoxed("a", OrderPlaced.class, Receipt.class)
              .identifiedBy(e -> "a-" + e.orderId())
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .compromise(
                  Compromise.atMostOnce()
                      .because(
                          new Rationale(
                              Visibility.TRACEABLE,
                              Necessity.SHOULD_HAPPEN,
                              Concern.OWN,
                              Set.of(),
                              "a test double: only the algorithm is under test")),
                  (e, id, at) -> cancelled(e.orderId()),
                  OrderCancelled.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(found(workflow(task))).containsExactly("missing function @ a");
      assertThat(problems(workflow(task), "missing function").getFirst().fix())
          .contains(".attempt(");
    }

    @Test
    void everyKindWithAllItsFunctionsPasses() {
      assertThat(problems(TestWorkflows.orders(), "missing function")).isEmpty();
    }
  }

  @Nested
  class FaultMapping {
    @Test
    void aStateWithoutFaultMappingIsReported() {
      Task<OrderPlaced> task =
          Tasks.idempotent("a", OrderPlaced.class, Receipt.class)
              .identifiedBy(e -> "a-" + e.orderId())
              .attempt((e, id) -> new Receipt(id))
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .outcome(OrderConfirmed.class)
              .build();

      assertThat(found(workflow(task))).containsExactly("State without fault mapping @ a");
      assertThat(problems(workflow(task), "State without fault mapping").getFirst().fix())
          .contains(".onFault(");
    }

    @Test
    void aStateWithFaultMappingPasses() {
      assertThat(found(workflow(confirming("a")))).isEmpty();
    }
  }

  @Nested
  class Compromises {
    static Task<OrderPlaced> blackBoxed(Compromise compromise, String uncertainTarget) {
      var builder =
          Tasks.blackBoxed("pay", OrderPlaced.class, Receipt.class)
              .identifiedBy(e -> "pay-" + e.orderId())
              .attempt((e, id) -> new Receipt(id))
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderCancelled.class);
      if (compromise != null) {
        builder
            .compromise(
                compromise.rationale() == null
                    ? compromise.because(
                        new Rationale(
                            Visibility.TRACEABLE,
                            Necessity.SHOULD_HAPPEN,
                            Concern.OWN,
                            Set.of(),
                            "a test double: only the algorithm is under test"))
                    : compromise,
                (e, id, at) -> e,
                OrderPlaced.class)
            .goTo(OrderPlaced.class, uncertainTarget);
      }
      return builder.build();
    }

    @Test
    void aBlackBoxedTaskWithoutCompromiseIsReported() {
      assertThat(found(workflow(blackBoxed(null, null))))
          .containsExactly("BlackBoxed task without compromise @ pay");
    }

    @Test
    void aBlackBoxedTaskWithCompromisePasses() {
      Task<OrderPlaced> pay = blackBoxed(Compromise.upTo(3), "review");
      Task<OrderPlaced> review = todo("review").cannotExpire().build();

      assertThat(found(workflow(pay, review))).isEmpty();
    }

    @Test
    void aHumanReviewOfAStateTaskIsReported() {
      Task<OrderPlaced> pay = blackBoxed(Compromise.humanReview("other"), "other");

      assertThat(problems(workflow(pay, confirming("other")), "HumanReview target is not a ToDo"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("'other'", "State/Idempotent"));
    }

    @Test
    void aHumanReviewOfAnUndeclaredTaskIsReported() {
      Task<OrderPlaced> pay = blackBoxed(Compromise.humanReview("ghost"), "ghost");

      assertThat(problems(workflow(pay), "HumanReview target is not a ToDo"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("no task has that name"));
    }

    @Test
    void possibleFailuresThatBypassTheReviewToDoAreReported() {
      Task<OrderPlaced> pay = blackBoxed(Compromise.humanReview("review"), "elsewhere");
      Task<OrderPlaced> review = todo("review").cannotExpire().build();

      assertThat(found(workflow(pay, review, confirming("elsewhere"))))
          .containsExactly(
              "HumanReview event not routed to its ToDo @ pay", "unreachable task @ review");
    }

    @Test
    void aHumanReviewRoutedToItsToDoPasses() {
      Task<OrderPlaced> pay = blackBoxed(Compromise.humanReview("review"), "review");
      Task<OrderPlaced> review = todo("review").cannotExpire().build();

      assertThat(found(workflow(pay, review))).isEmpty();
    }
  }

  @Nested
  class IncompleteToDo {
    @Test
    void aToDoWithoutReadModelContractAccessOrDecisionIsReported() {
      Task<OrderPlaced> bare =
          Tasks.todo("bare", OrderPlaced.class, ReviewCase.class, Verdict.class)
              .identifiedBy(e -> "bare-" + e.orderId())
              .cannotExpire()
              .build();

      assertThat(found(workflow(confirming("a"), bare)))
          .startsWith(
              "ToDo missing read model @ bare",
              "ToDo missing data contract @ bare",
              "ToDo missing access rule @ bare",
              "ToDo missing decision @ bare");
    }

    @Test
    void aCompleteToDoPasses() {
      assertThat(found(workflow(todo("review").cannotExpire().build()))).isEmpty();
    }
  }

  @Nested
  class Expiry {
    @Test
    void aDeadlineWithoutMappingIsReported() {
      Task<OrderPlaced> task =
          step("a")
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .outcome(OrderConfirmed.class)
              .expiresAfter(Duration.ofMinutes(5))
              .build();

      assertThat(problems(workflow(task), "no expiry mapping"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("'a'", "PT5M"));
    }

    @Test
    void aStillNeededCheckWithoutMappingIsReported() {
      Task<OrderPlaced> task =
          step("a")
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .outcome(OrderConfirmed.class)
              .stillNeeded((e, id) -> true)
              .build();

      assertThat(found(workflow(task))).containsExactly("no expiry mapping @ a");
    }

    @Test
    void anExpiryWithMappingPasses() {
      Task<OrderPlaced> task =
          step("a")
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .outcome(OrderConfirmed.class)
              .expiresAfter(
                  Duration.ofMinutes(5), (e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .build();

      assertThat(found(workflow(task))).isEmpty();
    }

    @Test
    void aToDoThatDoesNotSayWhetherItExpiresIsReported() {
      assertThat(found(workflow(todo("review").build())))
          .containsExactly("ToDo without expiry @ review");
    }

    @Test
    void aToDoWithDeadlineOrCannotExpirePasses() {
      Task<OrderPlaced> expiring =
          todo("review")
              .expiresAfter(
                  Duration.ofDays(2), (e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(found(workflow(expiring))).isEmpty();
      assertThat(found(workflow(todo("forever").cannotExpire().build()))).isEmpty();
    }

    @Test
    void aStateThatDeclaresNoExpiryPasses() {
      assertThat(problems(workflow(confirming("a")), "ToDo without expiry")).isEmpty();
    }
  }

  @Nested
  class Routing {
    @Test
    void anEmittedEventWithoutRouteIsReported() {
      Task<OrderPlaced> task =
          step("a").decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class).build();

      assertThat(problems(workflow(task), "event with no target"))
          .singleElement()
          .satisfies(p -> {
            assertThat(p.message()).contains("'a'", "OrderConfirmed", "decision");
            assertThat(p.fix()).contains(".outcome(OrderConfirmed.class)");
          });
    }

    @Test
    void anEventRoutedTwiceIsReported() {
      Task<OrderPlaced> task =
          step("a")
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .outcome(OrderConfirmed.class)
              .goTo(OrderConfirmed.class, "a")
              .build();

      assertThat(problems(workflow(task), "event with two targets"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("outcome", "task 'a'"));
    }

    @Test
    void oneEventFromTwoFunctionsNeedsOnlyOneRoute() {
      Task<OrderPlaced> task =
          step("a")
              .decide((e, r) -> cancelled(e.orderId()), OrderCancelled.class)
              .expiresAfter(
                  Duration.ofHours(1), (e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .build();

      assertThat(found(workflow(task))).isEmpty();
    }

    @Test
    void aRouteForAnEventNeverEmittedIsReported() {
      Task<OrderPlaced> task =
          step("a")
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderMade.class)
              .build();

      assertThat(found(workflow(task))).containsExactly("route for an event never emitted @ a");
    }

    @Test
    void aRouteToAnUndeclaredTaskIsReported() {
      Task<OrderPlaced> task =
          step("a").decide((e, r) -> e, OrderPlaced.class).goTo(OrderPlaced.class, "ghost").build();

      assertThat(problems(workflow(task), "unknown target task"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("'ghost'"));
    }

    @Test
    void anEventTheTargetCannotTakeIsReported() {
      Task<OrderPlaced> task =
          step("a")
              .decide((e, r) -> new OrderMade(e.orderId()), OrderMade.class)
              .goTo(OrderMade.class, "b")
              .build();

      assertThat(found(workflow(task, confirming("b"))))
          .containsExactly("event does not fit the target task @ a");
    }

    @Test
    void eventsThatFitTheirTargetsPass() {
      // reserve-stock routes OutOfStock to support-review, whose input is a sealed interface.
      Workflow<OrderPlaced> orders = TestWorkflows.orders();

      assertThat(problems(orders, "event does not fit the target task")).isEmpty();
      assertThat(problems(orders, "unknown target task")).isEmpty();
      assertThat(problems(orders, "event with no target")).isEmpty();
      assertThat(problems(orders, "event with two targets")).isEmpty();
      assertThat(problems(orders, "route for an event never emitted")).isEmpty();
    }
  }

  @Nested
  class Reachability {
    @Test
    void aTaskTheStartDoesNotLeadToIsReported() {
      assertThat(found(workflow(confirming("a"), confirming("b"))))
          .containsExactly("unreachable task @ b");
    }

    @Test
    void aTaskTheStartLeadsToPasses() {
      Task<OrderPlaced> a =
          step("a").decide((e, r) -> e, OrderPlaced.class).goTo(OrderPlaced.class, "b").build();

      assertThat(found(workflow(a, confirming("b")))).isEmpty();
    }

    @Test
    void aLoopWithoutOutcomeIsReportedOnEveryTaskOfIt() {
      Task<OrderPlaced> a = looping("a", "b");
      Task<OrderPlaced> b = looping("b", "a");

      assertThat(found(workflow(a, b)))
          .containsExactly("no outcome reachable @ a", "no outcome reachable @ b");
    }

    @Test
    void aSelfLoopingToDoThatCanExpireNeedsAnOutcome() {
      Task<OrderPlaced> review =
          Tasks.todo("review", OrderPlaced.class, ReviewCase.class, Verdict.class)
              .identifiedBy(e -> "review-" + e.orderId())
              .readModel((e, id) -> new ReviewCase(e.orderId()))
              .access((principal, model) -> true)
              .contract(c -> List.of())
              .decide((model, c) -> null, OrderPlaced.class)
              .expiresAfter(Duration.ofDays(1), (e, id) -> e, OrderPlaced.class)
              .goTo(OrderPlaced.class, "review")
              .build();

      assertThat(found(workflow(review))).containsExactly("no outcome reachable @ review");
    }

    @Test
    void aReviewThatCannotExpireAndLoopsToItselfMayHaveNoOutcome() {
      Task<NeedsReview> review =
          Tasks.todo("review", NeedsReview.class, ReviewCase.class, Verdict.class)
              .identifiedBy(e -> "review-" + e.orderId())
              .readModel((e, id) -> new ReviewCase(e.orderId()))
              .access((principal, model) -> principal.hasRole("support"))
              .contract(c -> List.of())
              .decide((model, c) -> new StillReviewing(model.orderId()), StillReviewing.class)
              .cannotExpire()
              .goTo(StillReviewing.class, "review")
              .build();
      // Every path from the start leads to the review, none to an outcome: that is allowed too.
      Task<OrderPlaced> start =
          Tasks.idempotent("start", OrderPlaced.class, Receipt.class)
              .identifiedBy(e -> "start-" + e.orderId())
              .attempt((e, id) -> new Receipt(id))
              .decide((e, r) -> new OutOfStock(e.orderId()), OutOfStock.class)
              .onFault((error, e, id) -> new OutOfStock(e.orderId()), OutOfStock.class)
              .goTo(OutOfStock.class, "review")
              .build();

      assertThat(found(workflow(start, review))).isEmpty();
    }

    private static Task<OrderPlaced> looping(String name, String next) {
      return Tasks.idempotent(name, OrderPlaced.class, Receipt.class)
          .identifiedBy(e -> name + "-" + e.orderId())
          .attempt((e, id) -> new Receipt(id))
          .decide((e, r) -> e, OrderPlaced.class)
          .onFault((error, e, id) -> e, OrderPlaced.class)
          .goTo(OrderPlaced.class, next)
          .build();
    }
  }

  @Nested
  class ProblemsCarryTheirFix {
    @Test
    void everyProblemNamesItsTaskAndAFix() {
      Workflow<OrderPlaced> broken =
          workflow(
              Tasks.optimisticLock("a", OrderPlaced.class, String.class, Receipt.class).build(),
              todo("b").build(),
              Tasks.blackBoxed("c", OrderPlaced.class, Receipt.class).build());

      List<Problem> problems = WorkflowValidator.validate(broken).problems();

      assertThat(problems).hasSizeGreaterThan(8);
      assertThat(problems)
          .allSatisfy(p -> {
            assertThat(p.message()).contains("'" + p.task() + "'");
            assertThat(p.fix()).isNotBlank();
          });
      assertThat(problems).extracting(Problem::task).containsSubsequence("a", "b", "c");
    }

    @Test
    void unusedOptionalPartsAreNotProblems() {
      // The optimistic lock's undo is optional, and so is a State's expiry.
      Task<OrderPlaced> task =
          Tasks.optimisticLock("a", OrderPlaced.class, String.class, Receipt.class)
              .identifiedBy(e -> "a-" + e.orderId())
              .firstStep((e, id) -> "hold")
              .firstSteps((e, id) -> List.of("hold"))
              .completed((e, id) -> Optional.empty())
              .secondStep((e, id, own) -> new Receipt(own))
              .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
              .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
              .outcome(OrderConfirmed.class)
              .outcome(OrderCancelled.class)
              .build();

      assertThat(found(workflow(task))).isEmpty();
    }
  }
}
