package dev.railway.examples.spring;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Stands in for a payout provider that deduplicates by idempotency key: the same key always gets
 * the same reference, and pays once.
 */
@Component
public class Payouts {
  private final Map<String, String> paid = new ConcurrentHashMap<>();

  public String pay(String idempotencyKey, String employee, long cents) {
    return paid.computeIfAbsent(idempotencyKey, k -> "payout-" + UUID.randomUUID());
  }

  /** How many payouts were made; a duplicate would show here. */
  public int count() {
    return paid.size();
  }
}
