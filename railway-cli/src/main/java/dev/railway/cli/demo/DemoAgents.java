package dev.railway.cli.demo;

import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.engine.OpenTodo;
import dev.railway.engine.TodoRejectedException;
import dev.railway.examples.orders.ExpectedPayment;
import dev.railway.examples.orders.MissingProductsAnswer;
import dev.railway.examples.orders.MissingProductsQuestion;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.PaymentRetryAnswer;
import dev.railway.examples.orders.PaymentRetryQuestion;
import dev.railway.examples.orders.PaymentWebhook;
import dev.railway.examples.orders.SupportCase;
import dev.railway.examples.orders.SupportResolution;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The people and webhooks of the demo: the payment provider's webhook (sometimes delivered twice),
 * customers answering about missing products and failed payments, and a support agent. They use
 * only the public ToDo API, with the access rules applied.
 */
final class DemoAgents {
  private static final Principal PAYMENT_PROVIDER =
      Principal.of("payment-provider", OrderCreation.PAYMENT_PROVIDER_ROLE);
  private static final Principal SUPPORT =
      Principal.of("support-agent", OrderCreation.SUPPORT_ROLE);

  /** Sends a payment webhook some other way than the Java API (through a queue, say). */
  interface WebhookChannel {
    void send(PaymentWebhook webhook) throws Exception;
  }

  private final Engine engine;
  private final SplittableRandom random;
  private final WebhookChannel webhooks;
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  final AtomicLong answered = new AtomicLong();
  final AtomicLong duplicateWebhooks = new AtomicLong();
  final AtomicLong refused = new AtomicLong();

  DemoAgents(Engine engine, long seed) {
    this(engine, seed, null);
  }

  /** With {@code webhooks}, the payment provider answers through it instead of the ToDo API. */
  DemoAgents(Engine engine, long seed, WebhookChannel webhooks) {
    this.engine = engine;
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.webhooks = webhooks;
  }

  /** Answers every open ToDo once; returns how many were answered. */
  int answerOpenTodos() {
    int before = (int) answered.get();
    for (OpenTodo<ExpectedPayment> todo :
        engine
            .todos()
            .open(
                PAYMENT_PROVIDER,
                OrderCreation.NAME,
                OrderCreation.RECEIVE_PAYMENT,
                ExpectedPayment.class)) {
      ExpectedPayment expected = todo.readModel();
      if (webhooks != null && !sent.add(todo.taskId())) {
        continue; // Sent through the queue already; its decision is on the way.
      }
      String status = chance(0.8) ? PaymentWebhook.SUCCEEDED : PaymentWebhook.INSUFFICIENT_FUNDS;
      PaymentWebhook webhook =
          new PaymentWebhook(
              expected.reference(), expected.paymentId(), status, expected.order().total());
      submitWebhook(webhook);
      if (chance(0.1)) {
        // Webhooks are delivered at least once: the second delivery must be refused, not recorded.
        duplicateWebhooks.incrementAndGet();
        submitWebhook(webhook);
      }
    }
    for (OpenTodo<MissingProductsQuestion> todo :
        engine
            .todos()
            .open(
                SUPPORT,
                OrderCreation.NAME,
                OrderCreation.CONTINUE_WITHOUT_MISSING_PRODUCT,
                MissingProductsQuestion.class)) {
      Principal customer = Principal.of(todo.readModel().order().customer());
      var choice =
          chance(0.8) ? MissingProductsAnswer.Choice.CONTINUE : MissingProductsAnswer.Choice.CANCEL;
      complete(todo.taskId(), customer, new MissingProductsAnswer(choice));
    }
    for (OpenTodo<PaymentRetryQuestion> todo :
        engine
            .todos()
            .open(
                SUPPORT,
                OrderCreation.NAME,
                OrderCreation.WAITING_FOR_USER_ON_PAYMENT,
                PaymentRetryQuestion.class)) {
      Principal customer = Principal.of(todo.readModel().order().customer());
      var choice =
          chance(0.7) ? PaymentRetryAnswer.Choice.RETRY : PaymentRetryAnswer.Choice.GIVE_UP;
      complete(todo.taskId(), customer, new PaymentRetryAnswer(choice));
    }
    for (OpenTodo<SupportCase> todo :
        engine
            .todos()
            .open(
                SUPPORT,
                OrderCreation.NAME,
                OrderCreation.CUSTOMER_SUPPORT_REVIEW,
                SupportCase.class)) {
      SupportCase supportCase = todo.readModel();
      double roll = random.nextDouble();
      SupportResolution resolution;
      if (roll < 0.2 && supportCase.round() < 2) {
        resolution =
            new SupportResolution(
                SupportResolution.Resolution.POSTPONE, null, "warehouse not answering yet");
      } else if (roll < 0.35) {
        resolution =
            new SupportResolution(
                SupportResolution.Resolution.CANCEL, null, "refunded after checking");
      } else {
        resolution =
            new SupportResolution(
                SupportResolution.Resolution.SHIPPED,
                "manual-" + supportCase.order().orderId(),
                null);
      }
      complete(todo.taskId(), SUPPORT, resolution);
    }
    return (int) (answered.get() - before);
  }

  private void submitWebhook(PaymentWebhook webhook) {
    if (webhooks != null) {
      try {
        webhooks.send(webhook);
        answered.incrementAndGet();
      } catch (Exception e) {
        sent.remove(OrderCreation.receivePaymentTaskId(webhook.reference()));
      }
      return;
    }
    try {
      engine
          .todos()
          .submit(OrderCreation.NAME, OrderCreation.RECEIVE_PAYMENT, PAYMENT_PROVIDER, webhook);
      answered.incrementAndGet();
    } catch (TodoRejectedException e) {
      refused.incrementAndGet();
    }
  }

  private void complete(String taskId, Principal principal, Object command) {
    try {
      engine.todos().complete(taskId, principal, command);
      answered.incrementAndGet();
    } catch (TodoRejectedException e) {
      refused.incrementAndGet();
    }
  }

  private synchronized boolean chance(double p) {
    return random.nextDouble() < p;
  }
}
