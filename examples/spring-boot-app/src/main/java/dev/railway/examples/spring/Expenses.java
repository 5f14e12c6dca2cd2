package dev.railway.examples.spring;

import dev.railway.definition.Endpoint;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workflow: a manager approves an expense over HTTP (a ToDo), then it is paid out through a
 * provider that deduplicates by idempotency key (an Idempotent task).
 */
@Configuration(proxyBeanMethods = false)
public class Expenses {
  public record ExpenseFiled(String id, String employee, long cents) {}

  public record ExpenseReview(String id, String employee, long cents) {}

  public record Approval(boolean approve, String note) {}

  public record ExpenseApproved(String id, String employee, long cents, String approvedBy) {}

  public record ExpenseRejected(String id, String rejectedBy, String note) {}

  public record ExpenseExpired(String id) {}

  public record ExpensePaid(String id, String payoutReference) {}

  public record PayoutFailed(String id, String why) {}

  /** How long a manager has to answer. */
  public static final Duration ANSWER_WITHIN = Duration.ofDays(7);

  @Bean
  Workflow<ExpenseFiled> expenseWorkflow(Payouts payouts) {
    return Workflow.builder("expense", ExpenseFiled.class)
        .startAt("approve")
        .triggerId(ExpenseFiled::id)
        .task(
            Tasks.todo("approve", ExpenseFiled.class, ExpenseReview.class, Approval.class)
                .identifiedBy(e -> "approve-" + e.id())
                .readModel((e, taskId) -> new ExpenseReview(e.id(), e.employee(), e.cents()))
                .endpoint(Endpoint.httpRoute("expenses/approvals"))
                .access(
                    "a manager who did not file it",
                    (p, review) -> p.hasRole("manager") && !p.name().equals(review.employee()))
                .contract(Expenses::violations)
                .decide(
                    (review, approval, by) ->
                        approval.approve()
                            ? new ExpenseApproved(
                                review.id(), review.employee(), review.cents(), by.name())
                            : new ExpenseRejected(review.id(), by.name(), approval.note()),
                    ExpenseApproved.class,
                    ExpenseRejected.class)
                .expiresAfter(
                    ANSWER_WITHIN, (e, taskId) -> new ExpenseExpired(e.id()), ExpenseExpired.class)
                .goTo(ExpenseApproved.class, "pay-out")
                .outcome(ExpenseRejected.class)
                .outcome(ExpenseExpired.class)
                .build())
        .task(
            Tasks.idempotent("pay-out", ExpenseApproved.class, String.class)
                .identifiedBy(a -> "payout-" + a.id()) // also the idempotency key
                .attempt((a, taskId) -> payouts.pay(taskId, a.employee(), a.cents()))
                .decide((a, reference) -> new ExpensePaid(a.id(), reference), ExpensePaid.class)
                .onFault(
                    (error, a, taskId) -> new PayoutFailed(a.id(), error.toString()),
                    PayoutFailed.class)
                .outcome(ExpensePaid.class)
                .outcome(PayoutFailed.class)
                .build())
        .build();
  }

  static List<String> violations(Approval a) {
    List<String> v = new ArrayList<>();
    if (a.note() == null || a.note().isBlank()) {
      v.add("note: must not be blank");
    } else if (a.note().length() > 500) {
      v.add("note: at most 500 characters, was " + a.note().length());
    }
    return v;
  }
}
