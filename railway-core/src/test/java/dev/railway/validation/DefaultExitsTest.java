package dev.railway.validation;

import static dev.railway.validation.TestWorkflows.cancelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Cause;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.diagram.MermaidDiagram;
import dev.railway.validation.TestWorkflows.NeedsReview;
import dev.railway.validation.TestWorkflows.OrderCancelled;
import dev.railway.validation.TestWorkflows.OrderConfirmed;
import dev.railway.validation.TestWorkflows.OrderPlaced;
import dev.railway.validation.TestWorkflows.OutOfStock;
import dev.railway.validation.TestWorkflows.Receipt;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The paper's implicit mappings: a default fault exit and a default expiry exit to an outcome. */
class DefaultExitsTest {

  /** An Idempotent task entered by {@link OrderPlaced}, mapping neither faults nor expiry. */
  private static Task<OrderPlaced> bare(String name, String next) {
    var builder =
        Tasks.idempotent(name, OrderPlaced.class, Receipt.class)
            .identifiedBy(e -> name + "-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .expiresAfter(Duration.ofHours(1));
    return next == null
        ? builder
            .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .outcome(OrderConfirmed.class)
            .build()
        : builder.decide((e, r) -> e, OrderPlaced.class).goTo(OrderPlaced.class, next).build();
  }

  private static Workflow.Builder<OrderPlaced> withDefaults(Task<?>... tasks) {
    return Workflow.builder("defaults", OrderPlaced.class)
        .startAt(tasks[0].name())
        .defaultFault(
            OrderPlaced.class, (error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .defaultExpiry(OrderPlaced.class, (e, id) -> cancelled(e.orderId()), OrderCancelled.class)
        .tasks(tasks);
  }

  @Test
  void withoutDefaultsATaskThatMapsNeitherIsInvalid() {
    Workflow<OrderPlaced> workflow = TestWorkflows.workflow(bare("a", null));

    ValidationReport report = WorkflowValidator.validate(workflow);

    assertThat(report.problems())
        .extracting(Problem::rule)
        .containsExactly(FaultMappingRequired.RULE, ExpiryDeclared.NO_MAPPING);
  }

  @Test
  void withDefaultsEveryPathResolvesToTheDefaultOutcome() {
    Workflow<OrderPlaced> workflow = withDefaults(bare("a", "b"), bare("b", null)).build();

    ValidationReport report = WorkflowValidator.validate(workflow);

    assertThat(report.problems()).as(report.format()).isEmpty();
    for (Task<?> task : workflow.tasks()) {
      assertThat(workflow.usesDefaultExit(task, Cause.FAULT)).as(task.name()).isTrue();
      assertThat(workflow.usesDefaultExit(task, Cause.EXPIRY)).as(task.name()).isTrue();
      assertThat(task.targetOf(OrderCancelled.class))
          .hasValueSatisfying(t -> assertThat(t.describe()).isEqualTo("outcome"));
      assertThat(task.emitted(Cause.FAULT)).containsExactly(OrderCancelled.class);
      assertThat(task.emitted(Cause.EXPIRY)).containsExactly(OrderCancelled.class);
    }
    StateTask<?, ?> a = (StateTask<?, ?>) workflow.tasks().getFirst();
    assertThat(a.faultMapping()).isSameAs(workflow.defaultFault().faultMapping());
  }

  @Test
  void aTaskWithItsOwnMappingKeepsIt() {
    Task<OrderPlaced> own =
        Tasks.idempotent("own", OrderPlaced.class, Receipt.class)
            .identifiedBy(e -> "own-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .onFault((error, e, id) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .outcome(OrderConfirmed.class)
            .build();

    Workflow<OrderPlaced> workflow = withDefaults(own).build();

    assertThat(workflow.usesDefaultExit(workflow.tasks().getFirst(), Cause.FAULT)).isFalse();
    assertThat(workflow.tasks().getFirst()).isSameAs(own);
    assertThat(WorkflowValidator.validate(workflow).problems()).isEmpty();
  }

  @Test
  void aDefaultThatCannotReadATasksInputLeavesItWithoutAMappingAndSaysWhy() {
    Task<NeedsReview> review =
        Tasks.idempotent("review-stock", NeedsReview.class, Receipt.class)
            .identifiedBy(e -> "review-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .outcome(OrderConfirmed.class)
            .build();
    Task<OrderPlaced> start =
        Tasks.idempotent("start", OrderPlaced.class, Receipt.class)
            .identifiedBy(e -> "start-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> new OutOfStock(e.orderId()), OutOfStock.class)
            .goTo(OutOfStock.class, "review-stock")
            .build();

    ValidationReport report = WorkflowValidator.validate(withDefaults(start, review).build());

    assertThat(report.problems(FaultMappingRequired.RULE))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.task()).isEqualTo("review-stock");
          assertThat(p.message())
              .contains("default fault exit reads OrderPlaced", "NeedsReview is not one");
        });
  }

  @Test
  void aTaskThatRoutesTheDefaultEventToAnotherTaskIsAProblem() {
    Task<OrderPlaced> a =
        Tasks.idempotent("a", OrderPlaced.class, Receipt.class)
            .identifiedBy(e -> "a-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> cancelled(e.orderId()), OrderCancelled.class)
            .goTo(OrderCancelled.class, "b")
            .build();
    Task<OrderCancelled> b =
        Tasks.idempotent("b", OrderCancelled.class, Receipt.class)
            .identifiedBy(e -> "b-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .onFault((error, e, id) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .outcome(OrderConfirmed.class)
            .build();

    ValidationReport report = WorkflowValidator.validate(withDefaults(a, b).build());

    assertThat(report.problems(DefaultExitRouted.RULE))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.task()).isEqualTo("a");
          assertThat(p.message())
              .contains("default fault exit", "OrderCancelled ends the workflow", "task 'b'");
        });
  }

  @Test
  void theDiagramDrawsTheDefaultExitsOnce() {
    Workflow<OrderPlaced> workflow = withDefaults(bare("a", "b"), bare("b", null)).build();

    String diagram = MermaidDiagram.render(workflow);

    assertThat(diagram)
        .contains(
            "  state \"default exit<br/>faults of 2 tasks, expiries of 2 tasks without a mapping of"
                + " their own\" as default_exit\n")
        .contains("  default_exit --> OrderCancelled : ⚠ fault: OrderCancelled\n")
        .contains("  default_exit --> OrderCancelled : ⏰ expired: OrderCancelled\n")
        .contains("  class default_exit defaultexit\n")
        .doesNotContain("  a --> OrderCancelled")
        .doesNotContain("  b --> OrderCancelled");
    assertThat(Arrays.stream(diagram.split("\n")).filter(l -> l.contains("--> OrderCancelled")))
        .hasSize(2);
  }

  @Test
  void aDefaultExitMustDeclareItsEvents() {
    assertThatThrownBy(() ->
            Workflow.builder("w", OrderPlaced.class)
                .defaultFault(OrderPlaced.class, (error, e, id) -> cancelled(e.orderId())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("defaultFault of workflow 'w' must declare");
  }
}
