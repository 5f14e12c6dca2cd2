package dev.railway.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake BlackBoxed third party: it cannot be queried, honours no key, and every act counts. */
final class OpaqueApi extends ThirdParty {
  private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();

  String send(String key) throws Exception {
    return call(
        key,
        () -> "sent-" + effects.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
  }

  int effects(String key) {
    AtomicInteger n = effects.get(key);
    return n == null ? 0 : n.get();
  }
}
