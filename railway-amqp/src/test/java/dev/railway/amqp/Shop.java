package dev.railway.amqp;

import dev.railway.definition.Endpoint;
import dev.railway.definition.Principal;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The workflows the binding tests run: one started by a trigger, one waiting on a queue ToDo. */
final class Shop {
  static final String PSP = "psp";

  private Shop() {}

  record OrderPlaced(String orderId, int amount) {}

  record OrderConfirmed(String orderId, int amount) {}

  /** A trigger that ends at once in an outcome, through one idempotent (local) task. */
  static Workflow<OrderPlaced> orders(String name) {
    return Workflow.builder(name, OrderPlaced.class)
        .startAt("confirm")
        .triggerId(OrderPlaced::orderId)
        .task(
            Tasks.idempotent("confirm", OrderPlaced.class, OrderConfirmed.class)
                .identifiedBy(o -> "confirm-" + o.orderId())
                .attempt((o, taskId) -> new OrderConfirmed(o.orderId(), o.amount()))
                .decide((o, confirmed) -> confirmed, OrderConfirmed.class)
                .onFault(
                    (e, o, taskId) -> new OrderConfirmed(o.orderId(), -1), OrderConfirmed.class)
                .outcome(OrderConfirmed.class)
                .build())
        .build();
  }

  record PaymentExpected(String reference, String customer, long cents) {}

  record Expected(String reference, String customer, long cents) {}

  record PaymentNotice(String reference, String status, long cents) {}

  record Paid(String reference) {}

  record Declined(String reference) {}

  record Abandoned(String reference) {}

  static final Duration DEADLINE = Duration.ofHours(1);

  /** A ToDo answered by a payment provider's messages on {@code queue}. */
  static Workflow<PaymentExpected> payments(String name, String queue) {
    return Workflow.builder(name, PaymentExpected.class)
        .startAt("receive-payment")
        .triggerId(PaymentExpected::reference)
        .task(
            Tasks.todo(
                    "receive-payment", PaymentExpected.class, Expected.class, PaymentNotice.class)
                .identifiedBy(p -> "receive-" + p.reference())
                .readModel((p, taskId) -> new Expected(p.reference(), p.customer(), p.cents()))
                .endpoint(Endpoint.queue(queue))
                .locatedBy(n -> "receive-" + n.reference())
                .access((Principal who, Expected e) -> who.hasRole(PSP))
                .contract(Shop::violations)
                .decide(
                    (e, n) ->
                        "paid".equals(n.status())
                            ? new Paid(e.reference())
                            : new Declined(e.reference()),
                    Paid.class,
                    Declined.class)
                .expiresAfter(
                    DEADLINE, (p, taskId) -> new Abandoned(p.reference()), Abandoned.class)
                .outcome(Paid.class)
                .outcome(Declined.class)
                .outcome(Abandoned.class)
                .build())
        .build();
  }

  static List<String> violations(PaymentNotice n) {
    List<String> v = new ArrayList<>();
    if (n.reference() == null || n.reference().isBlank()) {
      v.add("reference: must not be blank");
    }
    if (!"paid".equals(n.status()) && !"declined".equals(n.status())) {
      v.add("status: must be paid or declined, was '" + n.status() + "'");
    }
    if (n.cents() <= 0) {
      v.add("cents: must be positive, was " + n.cents());
    }
    return v;
  }
}
