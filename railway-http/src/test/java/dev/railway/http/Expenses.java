package dev.railway.http;

import dev.railway.definition.Endpoint;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The workflows the HTTP tests serve: a human approval (JWT) and a payment webhook (signed). */
final class Expenses {
  private Expenses() {}

  static final Duration DEADLINE = Duration.ofHours(1);

  record ExpenseFiled(String id, String owner, long cents) {}

  record ExpenseReview(String id, String owner, long cents) {}

  record Approval(boolean approve, String note, int level) {}

  record Approved(String id, String note, String approvedBy) {}

  record Rejected(String id, String note, String rejectedBy) {}

  record Abandoned(String id) {}

  record CheckoutStarted(String reference, long cents) {}

  record ExpectedPayment(String reference, long cents) {}

  record PaymentNotice(String reference, String status, long cents) {}

  record Paid(String reference) {}

  record Declined(String reference) {}

  /** Answered by its owner or a manager; "boom" makes the decider fail (an internal error). */
  static Workflow<ExpenseFiled> expense() {
    return Workflow.builder("expense", ExpenseFiled.class)
        .startAt("approve")
        .triggerId(ExpenseFiled::id)
        .task(
            Tasks.todo("approve", ExpenseFiled.class, ExpenseReview.class, Approval.class)
                .identifiedBy(e -> "approve-" + e.id())
                .readModel((e, taskId) -> new ExpenseReview(e.id(), e.owner(), e.cents()))
                .endpoint(Endpoint.httpRoute("expenses/approvals"))
                .access((p, review) -> p.name().equals(review.owner()) || p.hasRole("manager"))
                .contract(Expenses::violations)
                .decide(
                    (review, approval, answeredBy) -> {
                      if ("boom".equals(approval.note())) {
                        throw new IllegalStateException("the decider broke on purpose");
                      }
                      return approval.approve()
                          ? new Approved(review.id(), approval.note(), answeredBy.name())
                          : new Rejected(review.id(), approval.note(), answeredBy.name());
                    },
                    Approved.class,
                    Rejected.class)
                .expiresAfter(DEADLINE, (e, taskId) -> new Abandoned(e.id()), Abandoned.class)
                .outcome(Approved.class)
                .outcome(Rejected.class)
                .outcome(Abandoned.class)
                .build())
        .build();
  }

  static List<String> violations(Approval a) {
    List<String> v = new ArrayList<>();
    if (a.note() == null || a.note().isBlank()) {
      v.add("note: must not be blank");
    } else if (a.note().length() > 200) {
      v.add("note: at most 200 characters, was " + a.note().length());
    }
    if (a.level() < 1 || a.level() > 3) {
      v.add("level: must be 1, 2 or 3, was " + a.level());
    }
    return v;
  }

  /** A payment provider's webhook answers it; the notice names the checkout by reference. */
  static Workflow<CheckoutStarted> checkout() {
    return Workflow.builder("checkout", CheckoutStarted.class)
        .startAt("receive-payment")
        .triggerId(CheckoutStarted::reference)
        .task(
            Tasks.todo(
                    "receive-payment",
                    CheckoutStarted.class,
                    ExpectedPayment.class,
                    PaymentNotice.class)
                .identifiedBy(c -> "payment-" + c.reference())
                .readModel((c, taskId) -> new ExpectedPayment(c.reference(), c.cents()))
                .endpoint(Endpoint.httpRoute("webhooks/payments"))
                .locatedBy(n -> "payment-" + n.reference())
                .access((p, expected) -> p.hasRole("payment-provider"))
                .contract(n ->
                    "SUCCEEDED".equals(n.status()) || "FAILED".equals(n.status())
                        ? List.of()
                        : List.of("status: must be SUCCEEDED or FAILED, was " + n.status()))
                .decide(
                    (expected, n) ->
                        "SUCCEEDED".equals(n.status()) && n.cents() == expected.cents()
                            ? new Paid(expected.reference())
                            : new Declined(expected.reference()),
                    Paid.class,
                    Declined.class)
                .cannotExpire()
                .outcome(Paid.class)
                .outcome(Declined.class)
                .build())
        .build();
  }
}
