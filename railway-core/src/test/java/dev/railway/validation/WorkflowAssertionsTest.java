package dev.railway.validation;

import static dev.railway.validation.TestWorkflows.confirming;
import static dev.railway.validation.TestWorkflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Workflow;
import dev.railway.validation.TestWorkflows.OrderPlaced;
import org.junit.jupiter.api.Test;

class WorkflowAssertionsTest {
  private static final Workflow<OrderPlaced> BROKEN =
      workflow(confirming("a"), confirming("b"), TestWorkflows.todo("c").build());

  @Test
  void aValidWorkflowPasses() {
    assertThatCode(() -> WorkflowAssertions.assertValid(TestWorkflows.orders()))
        .doesNotThrowAnyException();
  }

  @Test
  void anInvalidWorkflowFailsWithTheWholeReport() {
    assertThatThrownBy(() -> WorkflowAssertions.assertValid(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            workflow orders-test@1: 3 problems
            - [unreachable task] task 'b' cannot be reached from the start task 'a'
              fix: route an event to 'b' with goTo(...), or remove the task
            - [ToDo without expiry] ToDo 'c' does not say whether it can expire
              fix: add .expiresAfter(Duration, (event, taskId) -> ..., SomeEvent.class), or\
             .cannotExpire() if it may wait forever
            - [unreachable task] task 'c' cannot be reached from the start task 'a'
              fix: route an event to 'c' with goTo(...), or remove the task
            """);
  }

  @Test
  void requireValidReturnsAValidWorkflow() {
    Workflow<OrderPlaced> orders = TestWorkflows.orders();

    assertThat(WorkflowValidator.requireValid(orders)).isSameAs(orders);
  }

  @Test
  void requireValidRefusesAnInvalidWorkflowWithTheReport() {
    assertThatThrownBy(() -> WorkflowValidator.requireValid(BROKEN))
        .isInstanceOfSatisfying(
            InvalidWorkflowException.class,
            e -> {
              assertThat(e.report().problems()).hasSize(3);
              assertThat(e.getMessage()).isEqualTo(e.report().format());
            });
  }

  @Test
  void anExceptionNeedsAReportWithProblems() {
    ValidationReport valid = WorkflowValidator.validate(TestWorkflows.orders());

    assertThatThrownBy(() -> new InvalidWorkflowException(valid))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders-test@1 is valid");
  }

  @Test
  void aReportFormatsOneProblemInTheSingular() {
    ValidationReport report =
        WorkflowValidator.validate(workflow(confirming("a"), confirming("b")));

    assertThat(report.format()).startsWith("workflow orders-test@1: 1 problem\n");
    assertThat(report.isValid()).isFalse();
  }
}
