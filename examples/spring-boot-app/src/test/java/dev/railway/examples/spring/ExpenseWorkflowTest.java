package dev.railway.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.test.Railway;
import dev.railway.test.RailwayTest;
import org.junit.jupiter.api.Test;

/** The workflow alone, without Spring: an engine run by hand on a settable clock. */
@RailwayTest
class ExpenseWorkflowTest {
  private final Payouts payouts = new Payouts();
  private final Workflow<Expenses.ExpenseFiled> workflow = new Expenses().expenseWorkflow(payouts);

  @Test
  void anApprovedExpenseIsPaidOut(Railway railway) {
    ManualEngine engine = railway.engine(workflow);
    engine.trigger(workflow, new Expenses.ExpenseFiled("e-1", "erin", 4200));
    railway.runUntilIdle();
    railway.assertThat("expense:e-1").isRunning().wentThrough();

    engine
        .todos()
        .complete(
            "approve-e-1", Principal.of("mona", "manager"), new Expenses.Approval(true, "ok"));
    railway.runUntilIdle();

    railway
        .assertThat("expense:e-1")
        .wentThrough("approve", "pay-out")
        .endedWith(Expenses.ExpensePaid.class);
    assertThat(payouts.count()).isEqualTo(1);
  }

  @Test
  void anUnansweredExpenseExpiresAfterAWeek(Railway railway) {
    ManualEngine engine = railway.engine(workflow);
    engine.trigger(workflow, new Expenses.ExpenseFiled("e-2", "erin", 900));
    railway.runUntilIdle();
    railway.clock().advance(Expenses.ANSWER_WITHIN.plusMinutes(1));
    railway.runUntilIdle();
    railway
        .assertThat("expense:e-2")
        .wentThrough("approve")
        .endedWith(Expenses.ExpenseExpired.class);
    assertThat(payouts.count()).isZero();
  }
}
