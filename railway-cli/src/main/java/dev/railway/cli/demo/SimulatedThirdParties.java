package dev.railway.cli.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railway.cli.demo.FaultInjector.Fault;
import dev.railway.definition.NothingDoneException;
import dev.railway.examples.orders.Fulfilment;
import dev.railway.examples.orders.InvoicingApi;
import dev.railway.examples.orders.Mailer;
import dev.railway.examples.orders.Order;
import dev.railway.examples.orders.OrderBook;
import dev.railway.examples.orders.OrderLine;
import dev.railway.examples.orders.OrderServices;
import dev.railway.examples.orders.PaymentProvider;
import dev.railway.examples.orders.StockApi;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-process stand-ins for the order workflow's third parties, each behaving like its kind: the
 * order book and the payment provider honour idempotency keys; the stock API places holds that can
 * be listed, confirmed and released; invoicing can be queried by reference but does not
 * deduplicate; fulfilment and the mailer are opaque. Every effect goes to the {@link DemoLedger}.
 */
public final class SimulatedThirdParties {
  static final String ORDERS = "order-book";
  static final String STOCK = "stock.confirm";

  /** Holds only the stock API's expiry can remove: placed with a lost response, or unreleasable. */
  static final String LEFT_TO_EXPIRE = "stock.left-to-expire";

  static final String INVOICES = "invoicing";
  static final String PAYMENTS = "payments";
  static final String FULFILMENT = "fulfilment";
  static final String MAIL = "mail";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DemoLedger ledger;
  private final FaultInjector faults;
  private final Duration slowness;
  private final Duration holdTtl;
  private final Clock clock;

  public SimulatedThirdParties(
      DemoLedger ledger, FaultInjector faults, Duration slowness, Duration holdTtl, Clock clock) {
    this.ledger = ledger;
    this.faults = faults;
    this.slowness = slowness;
    this.holdTtl = holdTtl;
    this.clock = clock;
  }

  public OrderServices services() {
    return new OrderServices(orderBook(), stock(), invoicing(), payments(), fulfilment(), mailer());
  }

  /** Applies the injected fault around {@code effect}: before it, after it, or not at all. */
  private <T> T perform(boolean opaque, Effect<T> effect) throws Exception {
    Fault fault = faults.next(opaque);
    switch (fault) {
      case ERROR -> throw new IOException("simulated outage: connection refused");
      case NOTHING_DONE -> throw new NothingDoneException("simulated rejection: request invalid");
      default -> {}
    }
    T result = effect.apply();
    switch (fault) {
      case LOST_RESPONSE ->
          throw new IOException(
              "simulated lost response: connection reset after the request was sent");
      case TOO_SLOW -> {
        Thread.sleep(slowness.toMillis());
        throw new IOException("simulated slow response arrived after the caller gave up");
      }
      default -> {}
    }
    return result;
  }

  @FunctionalInterface
  private interface Effect<T> {
    T apply() throws Exception;
  }

  private OrderBook orderBook() {
    return (key, order) ->
        perform(
            false,
            () ->
                ledger.exclusive(db -> {
                  if (DemoLedger.first(
                          db, "SELECT order_id FROM orders WHERE idempotency_key = ?", key)
                      .isEmpty()) {
                    DemoLedger.update(
                        db, "INSERT INTO orders VALUES (?,?)", key, order.orderId().toString());
                    DemoLedger.update(
                        db,
                        "INSERT INTO effects(system, key, detail) VALUES (?,?,?)",
                        ORDERS,
                        key,
                        "made");
                  }
                  return new OrderBook.Entry(true, null);
                }));
  }

  private StockApi stock() {
    return new StockApi() {
      @Override
      public Hold hold(String taskId, List<OrderLine> lines) throws Exception {
        AtomicReference<String> placed = new AtomicReference<>();
        try {
          return perform(
              false,
              () -> {
                List<OrderLine> available =
                    lines.stream().filter(l -> !l.sku().startsWith("rare-")).toList();
                List<OrderLine> missing =
                    lines.stream().filter(l -> l.sku().startsWith("rare-")).toList();
                long expires = clock.millis() + holdTtl.toMillis();
                return ledger.exclusive(db -> {
                  String id =
                      DemoLedger.first(
                              db,
                              "INSERT INTO holds(task_id, status, available, missing, expires_ms)"
                                  + " VALUES (?,?,?,?,?) RETURNING id",
                              taskId,
                              "HELD",
                              json(available),
                              json(missing),
                              expires)
                          .orElseThrow();
                  placed.set(id);
                  return new Hold(id, taskId, available, missing);
                });
              });
        } catch (Exception e) {
          if (placed.get() != null) {
            // Placed, but the caller never learnt its handle: nobody can release it.
            ledger.effect(LEFT_TO_EXPIRE, placed.get(), "hold placed, response lost: " + e);
          }
          throw e;
        }
      }

      @Override
      public List<Hold> holds(String taskId) throws Exception {
        return perform(
            false,
            () ->
                ledger.exclusive(db ->
                    DemoLedger.query(
                        db,
                        "SELECT id, available, missing FROM holds WHERE task_id = ?"
                            + " AND status = 'HELD' AND expires_ms > ? ORDER BY id",
                        rs ->
                            new Hold(
                                rs.getString(1),
                                taskId,
                                lines(rs.getString(2)),
                                lines(rs.getString(3))),
                        taskId,
                        clock.millis())));
      }

      @Override
      public Optional<Reservation> confirmed(String taskId) throws Exception {
        return perform(
            false,
            () ->
                ledger.exclusive(db ->
                    DemoLedger.query(
                            db,
                            "SELECT id, available, missing FROM holds WHERE task_id = ?"
                                + " AND status = 'CONFIRMED' ORDER BY id",
                            rs ->
                                new Reservation(
                                    rs.getString(1),
                                    lines(rs.getString(2)),
                                    lines(rs.getString(3))),
                            taskId)
                        .stream()
                        .findFirst()));
      }

      @Override
      public Reservation confirm(Hold hold) throws Exception {
        return perform(
            false,
            () ->
                ledger.exclusive(db -> {
                  int changed =
                      DemoLedger.update(
                          db,
                          "UPDATE holds SET status = 'CONFIRMED' WHERE id = ? AND status = 'HELD'",
                          Long.parseLong(hold.holdId()));
                  if (changed == 0) {
                    throw new IllegalStateException("hold " + hold.holdId() + " is no longer held");
                  }
                  DemoLedger.update(
                      db,
                      "INSERT INTO effects(system, key, detail) VALUES (?,?,?)",
                      STOCK,
                      hold.taskId(),
                      "hold " + hold.holdId());
                  return new Reservation(hold.holdId(), hold.available(), hold.missing());
                }));
      }

      @Override
      public void release(Hold hold) throws Exception {
        try {
          perform(
              false,
              () ->
                  ledger.exclusive(db ->
                      DemoLedger.update(
                          db,
                          "UPDATE holds SET status = 'RELEASED' WHERE id = ? AND status = 'HELD'",
                          Long.parseLong(hold.holdId()))));
        } catch (Exception e) {
          // The hold may stay until the stock API expires it; the I5 check knows why.
          ledger.effect(LEFT_TO_EXPIRE, hold.holdId(), "release refused: " + e);
          throw e;
        }
      }
    };
  }

  private InvoicingApi invoicing() {
    return new InvoicingApi() {
      @Override
      public Invoice create(String reference, Order order) throws Exception {
        return perform(
            false,
            () ->
                ledger.exclusive(db -> {
                  // No deduplication: a second create makes a second invoice. That is why it is
                  // pessimistic.
                  String id =
                      DemoLedger.first(
                              db,
                              "INSERT INTO invoices(reference, amount) VALUES (?,?) RETURNING id",
                              reference,
                              order.total().toPlainString())
                          .orElseThrow();
                  DemoLedger.update(
                      db,
                      "INSERT INTO effects(system, key, detail) VALUES (?,?,?)",
                      INVOICES,
                      reference,
                      "created");
                  return new Invoice("INV-" + id, reference, order.total());
                }));
      }

      @Override
      public Optional<Invoice> findByReference(String reference) throws Exception {
        return perform(
            false,
            () ->
                ledger.exclusive(db ->
                    DemoLedger.query(
                            db,
                            "SELECT id, amount FROM invoices WHERE reference = ? ORDER BY id",
                            rs ->
                                new Invoice(
                                    "INV-" + rs.getString(1),
                                    reference,
                                    new BigDecimal(rs.getString(2))),
                            reference)
                        .stream()
                        .findFirst()));
      }
    };
  }

  private PaymentProvider payments() {
    return (key, orderId, customer, amount) ->
        perform(
            false,
            () ->
                ledger.exclusive(db -> {
                  String paymentId =
                      DemoLedger.first(
                              db, "SELECT payment_id FROM payments WHERE idempotency_key = ?", key)
                          .orElse(null);
                  if (paymentId == null) {
                    paymentId =
                        "pay-"
                            + UUID.nameUUIDFromBytes(
                                key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    DemoLedger.update(db, "INSERT INTO payments VALUES (?,?)", key, paymentId);
                    DemoLedger.update(
                        db,
                        "INSERT INTO effects(system, key, detail) VALUES (?,?,?)",
                        PAYMENTS,
                        key,
                        "attempt created");
                  }
                  return new PaymentProvider.PaymentAttempt(
                      paymentId, URI.create("https://pay.example/checkout/" + paymentId));
                }));
  }

  private Fulfilment fulfilment() {
    return order ->
        perform(
            true,
            () -> {
              // Opaque: the warehouse cannot be asked later. The workflow ships each order once,
              // so the ledger keys the effect by order to check I6.
              ledger.effect(FULFILMENT, order.orderId().toString(), "shipped");
              return "WH-" + order.orderId().toString().substring(0, 8);
            });
  }

  private Mailer mailer() {
    return (to, subject, body) ->
        perform(
            true,
            () -> {
              // Each mail the workflow sends differs in recipient or text (the body names the
              // payment
              // attempt), so identical mails are duplicates.
              ledger.effect(MAIL, to + " | " + subject + " | " + body, "sent");
              return "msg-" + UUID.randomUUID();
            });
  }

  private static String json(List<OrderLine> lines) {
    try {
      return JSON.writeValueAsString(lines);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write hold lines as JSON", e);
    }
  }

  private static List<OrderLine> lines(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<OrderLine>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("corrupt hold lines in the demo ledger: " + json, e);
    }
  }
}
