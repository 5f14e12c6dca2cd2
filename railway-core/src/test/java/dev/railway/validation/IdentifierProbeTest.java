package dev.railway.validation;

import static dev.railway.validation.TestWorkflows.cancelled;
import static dev.railway.validation.TestWorkflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Task;
import dev.railway.definition.TaskIdentifier;
import dev.railway.definition.Tasks;
import dev.railway.validation.TestWorkflows.NeedsReview;
import dev.railway.validation.TestWorkflows.OrderCancelled;
import dev.railway.validation.TestWorkflows.OrderPlaced;
import dev.railway.validation.TestWorkflows.PaymentUncertain;
import dev.railway.validation.TestWorkflows.Receipt;
import dev.railway.validation.TestWorkflows.ReviewCase;
import dev.railway.validation.TestWorkflows.Verdict;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdentifierProbeTest {
  private static final String RULE = "non-deterministic identifier";

  /** A valid one-task workflow whose start task, entered by {@code type}, uses {@code id}. */
  private static <E> List<Problem> probe(Class<E> type, TaskIdentifier<E> id) {
    Task<E> task =
        Tasks.idempotent("probed", type, Receipt.class)
            .identifiedBy(id)
            .attempt((e, taskId) -> new Receipt(taskId))
            .decide((e, r) -> cancelled(UUID.randomUUID()), OrderCancelled.class)
            .onFault((error, e, taskId) -> cancelled(UUID.randomUUID()), OrderCancelled.class)
            .outcome(OrderCancelled.class)
            .build();
    return WorkflowValidator.validate(workflow(task)).problems(RULE);
  }

  @Test
  void aRandomIdentifierIsCaught() {
    assertThat(probe(OrderPlaced.class, e -> "order-" + UUID.randomUUID()))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.task()).isEqualTo("probed");
          assertThat(p.message()).contains("for the same event OrderPlaced[");
          assertThat(p.fix()).contains("only from the event's data");
        });
  }

  @Test
  void aTimeBasedIdentifierIsCaught() {
    assertThat(probe(OrderPlaced.class, e -> "order-" + e.orderId() + "-" + System.nanoTime()))
        .hasSize(1);
  }

  @Test
  void aCounterBasedIdentifierIsCaught() {
    AtomicLong sequence = new AtomicLong();

    assertThat(probe(OrderPlaced.class, e -> "order-" + sequence.incrementAndGet()))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("'order-1' then 'order-2'"));
  }

  @Test
  void anIdentityBasedIdentifierIsCaughtByTheEqualCopy() {
    // Stable for one instance, different for an equal one: it depends on object identity.
    List<Object> seen = new java.util.ArrayList<>();
    TaskIdentifier<OrderPlaced> byInstance =
        e -> {
          for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) == e) {
              return "order-" + i;
            }
          }
          seen.add(e);
          return "order-" + (seen.size() - 1);
        };

    assertThat(probe(OrderPlaced.class, byInstance))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("two equal events"));
  }

  @Test
  void aNullOrBlankIdentifierIsCaught() {
    assertThat(probe(OrderPlaced.class, e -> null))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("returned null"));
    assertThat(probe(OrderPlaced.class, e -> "  "))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("blank"));
  }

  @Test
  void anIdentifierThatThrowsIsReportedWithTheProbeEvent() {
    assertThat(
            probe(
                OrderPlaced.class,
                e -> {
                  throw new IllegalStateException("no customer " + e.customer());
                }))
        .singleElement()
        .satisfies(p ->
            assertThat(p.message())
                .contains("threw on a probe event OrderPlaced[")
                .contains("IllegalStateException: no customer probe-customer"));
  }

  @Test
  void everyPermittedSubtypeOfASealedInputIsProbed() {
    TaskIdentifier<NeedsReview> flakyForOneSubtype =
        e ->
            e instanceof PaymentUncertain ? "review-" + UUID.randomUUID() : "review-" + e.orderId();

    assertThat(probe(NeedsReview.class, flakyForOneSubtype))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("PaymentUncertain["));
  }

  @Test
  void aDeterministicIdentifierPasses() {
    assertThat(probe(OrderPlaced.class, e -> "order-" + e.orderId() + "-" + e.quantity()))
        .isEmpty();
    assertThat(probe(NeedsReview.class, e -> "review-" + e.orderId())).isEmpty();
  }

  record Picky(String reference) {
    Picky {
      if (!reference.startsWith("REF-")) {
        throw new IllegalArgumentException("reference must start with REF-; was " + reference);
      }
    }
  }

  @Test
  void eventsThatCannotBeBuiltAreSkippedSilently() {
    // The probe's sample value is rejected by the record itself: nothing can be shown.
    assertThat(probe(Picky.class, e -> "picky-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void theProbeCoversToDosToo() {
    Task<OrderPlaced> todo =
        Tasks.todo("review", OrderPlaced.class, ReviewCase.class, Verdict.class)
            .identifiedBy(e -> "review-" + UUID.randomUUID())
            .readModel((e, id) -> new ReviewCase(e.orderId()))
            .access((principal, model) -> true)
            .contract(c -> List.of())
            .decide((model, c) -> cancelled(model.orderId()), OrderCancelled.class)
            .cannotExpire()
            .outcome(OrderCancelled.class)
            .build();

    assertThat(WorkflowValidator.validate(workflow(todo)).problems())
        .extracting(Problem::rule)
        .containsExactly(RULE);
  }
}
