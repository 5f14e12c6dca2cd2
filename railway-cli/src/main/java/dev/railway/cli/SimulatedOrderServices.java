package dev.railway.cli;

import dev.railway.examples.orders.Fulfilment;
import dev.railway.examples.orders.InvoicingApi;
import dev.railway.examples.orders.Mailer;
import dev.railway.examples.orders.Order;
import dev.railway.examples.orders.OrderBook;
import dev.railway.examples.orders.OrderLine;
import dev.railway.examples.orders.OrderServices;
import dev.railway.examples.orders.PaymentProvider;
import dev.railway.examples.orders.StockApi;
import dev.railway.sim.SimulatedEmailApi;
import dev.railway.sim.SimulatedParty;
import dev.railway.sim.SimulatedPaymentProvider;
import dev.railway.sim.SimulatedReservationApi;
import dev.railway.sim.SimulatedTicketingApi;
import dev.railway.sim.SimulatedWorld;
import java.math.BigDecimal;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order example's third parties, played by the simulation's parties of the matching kind: the
 * order book and the payment provider honour keys (Idempotent), stock is a two-step reservation
 * (OptimisticLock), invoicing finds invoices by reference (PessimisticLock), and the warehouse and
 * the mailer are opaque (BlackBoxed).
 */
final class SimulatedOrderServices {
  private SimulatedOrderServices() {}

  static OrderServices in(SimulatedWorld world) {
    SimulatedPaymentProvider orderBook = world.paymentProvider();
    SimulatedReservationApi stock = world.reservationApi();
    SimulatedTicketingApi invoicing = world.ticketingApi();
    SimulatedPaymentProvider payments = world.paymentProvider();
    Warehouse warehouse = new Warehouse(world);
    SimulatedEmailApi mail = world.emailApi();
    return new OrderServices(
        (OrderBook)
            (key, order) -> {
              orderBook.charge(key, 0);
              return new OrderBook.Entry(true, null);
            },
        new Stock(stock),
        new Invoicing(invoicing),
        (PaymentProvider)
            (key, orderId, customer, amount) -> {
              SimulatedPaymentProvider.Payment p = payments.charge(key, cents(amount));
              return new PaymentProvider.PaymentAttempt(
                  p.paymentId(), URI.create("https://pay.example/" + p.paymentId()));
            },
        warehouse,
        (Mailer) (to, subject, body) -> mail.send(to, subject));
  }

  private static long cents(BigDecimal amount) {
    return amount.movePointRight(2).longValue();
  }

  private static final class Stock implements StockApi {
    private final SimulatedReservationApi api;
    private final Map<String, List<OrderLine>> lines = new HashMap<>();

    Stock(SimulatedReservationApi api) {
      this.api = api;
    }

    @Override
    public Hold hold(String taskId, List<OrderLine> ordered) throws Exception {
      SimulatedReservationApi.Reservation r = api.reserve(taskId);
      lines.put(r.id(), ordered);
      return new Hold(r.id(), taskId, ordered, List.of());
    }

    @Override
    public List<Hold> holds(String taskId) throws Exception {
      // The workflow compares holds by equality: rebuild them as hold() returned them.
      return api.pending(taskId).stream()
          .map(r -> new Hold(r.id(), taskId, lines(r), List.of()))
          .toList();
    }

    @Override
    public Optional<Reservation> confirmed(String taskId) throws Exception {
      return api.confirmed(taskId)
          .map(c -> new Reservation(c.reservationId(), List.of(), List.of()));
    }

    @Override
    public Reservation confirm(Hold hold) throws Exception {
      SimulatedReservationApi.Confirmation c =
          api.confirm(new SimulatedReservationApi.Reservation(hold.holdId(), hold.taskId()));
      return new Reservation(c.reservationId(), hold.available(), hold.missing());
    }

    @Override
    public void release(Hold hold) throws Exception {
      api.cancel(new SimulatedReservationApi.Reservation(hold.holdId(), hold.taskId()));
    }

    private List<OrderLine> lines(SimulatedReservationApi.Reservation r) {
      return lines.getOrDefault(r.id(), List.of());
    }
  }

  private record Invoicing(SimulatedTicketingApi api) implements InvoicingApi {
    @Override
    public Invoice create(String reference, Order order) throws Exception {
      return new Invoice(api.create(reference, "invoice").number(), reference, order.total());
    }

    @Override
    public Optional<Invoice> findByReference(String reference) throws Exception {
      return api.findByTaskId(reference).map(t -> new Invoice(t.number(), reference, null));
    }
  }

  /** The warehouse: opaque, like the mailer; every shipment that acts is one more effect. */
  private static final class Warehouse implements Fulfilment, SimulatedParty {
    private final SimulatedWorld world;
    private int shipped;

    Warehouse(SimulatedWorld world) {
      this.world = world;
      world.register(this);
    }

    @Override
    public String name() {
      return "warehouse";
    }

    @Override
    public String ship(Order order) throws Exception {
      return world.call(
          this,
          "ship",
          () -> {
            shipped++;
            world.effect(this, "shipped order " + order.orderId());
            return "WH-" + shipped;
          });
    }
  }
}
