package dev.railway.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated payment provider for Idempotent tasks: it honours idempotency keys, so a key charges
 * at most once and a repeated call returns the first call's payment.
 */
public final class SimulatedPaymentProvider implements SimulatedParty {
  private final SimulatedWorld world;
  private final Map<String, Payment> byKey = new LinkedHashMap<>();

  /** A payment taken under an idempotency key. */
  public record Payment(String paymentId, String idempotencyKey, long amountCents) {}

  public SimulatedPaymentProvider(SimulatedWorld world) {
    this.world = world;
    world.register(this);
  }

  @Override
  public String name() {
    return "payments";
  }

  /** Charges {@code amountCents} once per {@code idempotencyKey}. */
  public Payment charge(String idempotencyKey, long amountCents) throws Exception {
    return world.call(
        this,
        "charge",
        () ->
            byKey.computeIfAbsent(
                idempotencyKey,
                key -> {
                  world.effect(this, "charged " + amountCents + " under key " + key);
                  return new Payment("pay-" + (byKey.size() + 1), key, amountCents);
                }));
  }

  /** Payments taken so far, by key. */
  public Map<String, Payment> payments() {
    return Map.copyOf(byKey);
  }
}
