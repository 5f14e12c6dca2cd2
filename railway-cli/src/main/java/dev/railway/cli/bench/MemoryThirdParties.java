package dev.railway.cli.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bench's third parties in memory, for a single process (the bench on one store). */
public final class MemoryThirdParties implements ThirdParties {
  private record Hold(String id, String taskId, long expiresMs, String status) {}

  private final Clock clock;
  private final Duration holdTtl;
  private final Map<String, Integer> charges = new HashMap<>();
  private final Map<String, Hold> holds = new HashMap<>();
  private final Map<String, List<String>> holdsByTask = new HashMap<>();
  private final Map<String, Integer> invoices = new HashMap<>();
  private final Map<String, Integer> shipments = new HashMap<>();
  private long nextId;

  public MemoryThirdParties(Clock clock, Duration holdTtl) {
    this.clock = clock;
    this.holdTtl = holdTtl;
  }

  @Override
  public synchronized String charge(String key) {
    charges.putIfAbsent(key, 1);
    return "ch-" + key;
  }

  @Override
  public synchronized String hold(String taskId) {
    String id = "hold-" + ++nextId;
    holds.put(id, new Hold(id, taskId, clock.millis() + holdTtl.toMillis(), "HELD"));
    holdsByTask.computeIfAbsent(taskId, k -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public synchronized List<String> liveHolds(String taskId) {
    long now = clock.millis();
    return holdsByTask.getOrDefault(taskId, List.of()).stream()
        .map(holds::get)
        .filter(h -> h.status().equals("HELD") && h.expiresMs() > now)
        .map(Hold::id)
        .toList();
  }

  @Override
  public synchronized Optional<String> confirmed(String taskId) {
    return holdsByTask.getOrDefault(taskId, List.of()).stream()
        .filter(id -> holds.get(id).status().equals("CONFIRMED"))
        .findFirst();
  }

  @Override
  public synchronized String confirm(String taskId, String hold) {
    Hold h = holds.get(hold);
    if (h == null || !h.status().equals("HELD") || h.expiresMs() <= clock.millis()) {
      throw new IllegalStateException("hold " + hold + " is no longer held");
    }
    holds.put(hold, new Hold(h.id(), h.taskId(), h.expiresMs(), "CONFIRMED"));
    return hold;
  }

  @Override
  public synchronized void release(String hold) {
    Hold h = holds.get(hold);
    if (h != null && h.status().equals("HELD")) {
      holds.put(hold, new Hold(h.id(), h.taskId(), h.expiresMs(), "RELEASED"));
    }
  }

  @Override
  public synchronized String invoice(String reference) {
    invoices.merge(reference, 1, Integer::sum);
    return "inv-" + reference + "-" + invoices.get(reference);
  }

  @Override
  public synchronized Optional<String> findInvoice(String reference) {
    return invoices.containsKey(reference)
        ? Optional.of("inv-" + reference + "-1")
        : Optional.empty();
  }

  @Override
  public synchronized String ship(String orderId) {
    shipments.merge(orderId, 1, Integer::sum);
    return "shipped-" + orderId;
  }

  @Override
  public synchronized LedgerCounts counts() {
    Map<String, Integer> confirmed = new HashMap<>();
    long live = 0;
    long now = clock.millis();
    for (Hold h : holds.values()) {
      if (h.status().equals("CONFIRMED")) {
        confirmed.merge(h.taskId(), 1, Integer::sum);
      } else if (h.status().equals("HELD") && h.expiresMs() > now) {
        live++;
      }
    }
    return new LedgerCounts(
        Map.copyOf(charges), confirmed, live, Map.copyOf(invoices), Map.copyOf(shipments));
  }
}
