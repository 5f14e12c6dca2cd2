package dev.railway.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake Idempotent third party: it honours idempotency keys, so one key acts at most once. */
final class KeyedApi extends ThirdParty {
  private final Map<String, String> results = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();

  String charge(String key) throws Exception {
    return call(
        key,
        () ->
            results.computeIfAbsent(
                key,
                k -> {
                  effects.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                  return "charge-" + k;
                }));
  }

  int effects(String key) {
    AtomicInteger n = effects.get(key);
    return n == null ? 0 : n.get();
  }
}
