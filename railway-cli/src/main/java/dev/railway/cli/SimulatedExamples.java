package dev.railway.cli;

import dev.railway.definition.Principal;
import dev.railway.examples.orders.ExpectedPayment;
import dev.railway.examples.orders.MissingProductsAnswer;
import dev.railway.examples.orders.MissingProductsQuestion;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.OrderLine;
import dev.railway.examples.orders.OrderPlaced;
import dev.railway.examples.orders.PaymentRetryAnswer;
import dev.railway.examples.orders.PaymentRetryQuestion;
import dev.railway.examples.orders.PaymentWebhook;
import dev.railway.examples.orders.SupportCase;
import dev.railway.examples.orders.SupportResolution;
import dev.railway.examples.refunds.Refunds;
import dev.railway.sim.SimulatedPaymentProvider;
import dev.railway.sim.Simulation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The bundled examples as simulations: their workflows on simulated third parties and agents. */
final class SimulatedExamples {
  private static final Map<String, Supplier<Simulation<?>>> ALL =
      Map.of("orders", SimulatedExamples::orders, "refunds", SimulatedExamples::refunds);

  private SimulatedExamples() {}

  /** Every bundled example that simulates, in name order. */
  static List<String> names() {
    return ALL.keySet().stream().sorted().toList();
  }

  static Simulation<?> find(String name) {
    Supplier<Simulation<?>> s = ALL.get(name);
    if (s == null) {
      throw new WorkflowSourceException(
          "no simulation for example '"
              + name
              + "'; examples that simulate: "
              + String.join(", ", ALL.keySet().stream().sorted().toList()));
    }
    return s.get();
  }

  /**
   * Order creation with short timings, every third party simulated, and agents answering every
   * ToDo: the payment provider's webhook (a quarter of payments fail for insufficient funds), the
   * customer (retries or gives up), and support (resolves reviews).
   */
  static Simulation<OrderPlaced> orders() {
    Principal webhook = Principal.of("payment-webhook", OrderCreation.PAYMENT_PROVIDER_ROLE);
    Principal support = Principal.of("support-agent", OrderCreation.SUPPORT_ROLE);
    return Simulation.of(
            world ->
                OrderCreation.workflow(
                    SimulatedOrderServices.in(world), OrderCreation.Timings.production()),
            SimulatedExamples::order)
        .answer(
            OrderCreation.RECEIVE_PAYMENT,
            webhook,
            (ExpectedPayment m, dev.railway.sim.SimulatedWorld w) ->
                new PaymentWebhook(
                    m.reference(),
                    m.paymentId(),
                    w.nextInt(4) == 0
                        ? PaymentWebhook.INSUFFICIENT_FUNDS
                        : PaymentWebhook.SUCCEEDED,
                    m.order().total()))
        .answer(
            OrderCreation.WAITING_FOR_USER_ON_PAYMENT,
            support,
            (PaymentRetryQuestion q, dev.railway.sim.SimulatedWorld w) ->
                new PaymentRetryAnswer(
                    w.nextInt(2) == 0
                        ? PaymentRetryAnswer.Choice.RETRY
                        : PaymentRetryAnswer.Choice.GIVE_UP))
        .answer(
            OrderCreation.CONTINUE_WITHOUT_MISSING_PRODUCT,
            support,
            (MissingProductsQuestion q, dev.railway.sim.SimulatedWorld w) ->
                new MissingProductsAnswer(MissingProductsAnswer.Choice.CONTINUE))
        .answer(
            OrderCreation.CUSTOMER_SUPPORT_REVIEW,
            support,
            (SupportCase c, dev.railway.sim.SimulatedWorld w) ->
                new SupportResolution(
                    SupportResolution.Resolution.CANCEL, null, "checked with the warehouse"));
  }

  static OrderPlaced order(int i) {
    UUID id = UUID.nameUUIDFromBytes(("order-" + i).getBytes(StandardCharsets.UTF_8));
    OrderLine line = new OrderLine("sku-" + (i % 5), 1 + i % 3, new BigDecimal("9.90"));
    return new OrderPlaced(id, "customer-" + i, List.of(line), line.amount());
  }

  /** The README's refunds: one Idempotent task on a simulated payment provider. */
  static Simulation<Refunds.RefundRequested> refunds() {
    return Simulation.of(
        world -> {
          SimulatedPaymentProvider payments = world.paymentProvider();
          return Refunds.workflow((key, paymentId, amount) -> {
            SimulatedPaymentProvider.Payment p =
                payments.charge(key, -amount.movePointRight(2).longValue());
            return new Refunds.RefundApi.Result(true, p.paymentId(), null);
          });
        },
        i ->
            new Refunds.RefundRequested(
                UUID.nameUUIDFromBytes(("refund-" + i).getBytes(StandardCharsets.UTF_8)),
                "pay-" + i,
                new BigDecimal("5.00")));
  }
}
