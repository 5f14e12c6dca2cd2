package dev.railway.spring;

import dev.railway.definition.Endpoint;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workflows the starter's tests run, as an application declares them: plain beans. An order
 * goes through {@code reserve-stock} (which waits at a {@link Gate} the test opens) and then {@code
 * create-invoice}; an expense waits for a manager's approval over HTTP.
 */
@Configuration(proxyBeanMethods = false)
class Shop {
  record OrderPlaced(String id) {}

  record StockReserved(String id) {}

  record OrderConfirmed(String id) {}

  record OrderFailed(String id, String why) {}

  record ExpenseFiled(String id, long cents) {}

  record ExpenseReview(String id, long cents) {}

  record Approval(boolean approve, String note) {}

  record Approved(String id, String by) {}

  record Rejected(String id, String by) {}

  /** Holds every reserve-stock attempt until the test opens it; counts what went through. */
  static final class Gate {
    private final CountDownLatch open;
    final AtomicInteger entered = new AtomicInteger();
    final Set<String> reserved = ConcurrentHashMap.newKeySet();
    final Set<String> invoiced = ConcurrentHashMap.newKeySet();

    Gate(boolean openAtStart) {
      this.open = new CountDownLatch(openAtStart ? 0 : 1);
    }

    void open() {
      open.countDown();
    }

    void pass(String id) throws InterruptedException {
      entered.incrementAndGet();
      if (!open.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gate stayed shut for 30 s");
      }
      reserved.add(id);
    }
  }

  @Bean
  Gate gate(@Value("${shop.gate-shut:false}") boolean shut) {
    return new Gate(!shut);
  }

  @Bean
  Workflow<OrderPlaced> orderWorkflow(Gate gate) {
    return Workflow.builder("order", OrderPlaced.class)
        .startAt("reserve-stock")
        .triggerId(OrderPlaced::id)
        .task(
            Tasks.idempotent("reserve-stock", OrderPlaced.class, Boolean.class)
                .identifiedBy(o -> "reserve-" + o.id())
                .attempt((o, taskId) -> {
                  gate.pass(o.id());
                  return Boolean.TRUE;
                })
                .decide((o, ok) -> new StockReserved(o.id()), StockReserved.class)
                .onFault(
                    (error, o, taskId) -> new OrderFailed(o.id(), error.toString()),
                    OrderFailed.class)
                .goTo(StockReserved.class, "create-invoice")
                .outcome(OrderFailed.class)
                .build())
        .task(
            Tasks.idempotent("create-invoice", StockReserved.class, Boolean.class)
                .identifiedBy(s -> "invoice-" + s.id())
                .attempt((s, taskId) -> {
                  gate.invoiced.add(s.id());
                  return Boolean.TRUE;
                })
                .decide((s, ok) -> new OrderConfirmed(s.id()), OrderConfirmed.class)
                .onFault(
                    (error, s, taskId) -> new OrderFailed(s.id(), error.toString()),
                    OrderFailed.class)
                .outcome(OrderConfirmed.class)
                .outcome(OrderFailed.class)
                .build())
        .build();
  }

  @Bean
  Workflow<ExpenseFiled> expenseWorkflow() {
    return Workflow.builder("expense", ExpenseFiled.class)
        .startAt("approve")
        .triggerId(ExpenseFiled::id)
        .task(
            Tasks.todo("approve", ExpenseFiled.class, ExpenseReview.class, Approval.class)
                .identifiedBy(e -> "approve-" + e.id())
                .readModel((e, taskId) -> new ExpenseReview(e.id(), e.cents()))
                .endpoint(Endpoint.httpRoute("expenses/approvals"))
                .access("a manager", (p, review) -> p.hasRole("manager"))
                .contract(a ->
                    a.note() == null || a.note().isBlank()
                        ? java.util.List.of("note: must not be blank")
                        : java.util.List.of())
                .decide(
                    (review, approval, by) ->
                        approval.approve()
                            ? new Approved(review.id(), by.name())
                            : new Rejected(review.id(), by.name()),
                    Approved.class,
                    Rejected.class)
                .cannotExpire()
                .outcome(Approved.class)
                .outcome(Rejected.class)
                .build())
        .build();
  }
}
