package dev.railway.console;

import dev.railway.definition.Principal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers. A session holds either the bearer token it signed in with (checked again by
 * the authenticator on every request, so an expired or revoked token ends the session) or, for the
 * development sign-in, the principal itself. Sessions live in memory and are bounded: a full table
 * refuses new sign-ins rather than forgetting live ones.
 */
final class Sessions {
  static final String COOKIE = "railway_console";

  /** A session: its cookie value, its anti-forgery token, and who it is. */
  record Session(String id, String csrf, String bearer, Principal dev, Instant expiresAt) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final int capacity;
  private final Duration lifetime;

  Sessions(int capacity, Duration lifetime) {
    this.capacity = capacity;
    this.lifetime = lifetime;
  }

  Duration lifetime() {
    return lifetime;
  }

  /** A new session, or empty when the table is full of live sessions. */
  Optional<Session> open(String bearer, Principal dev, Instant now) {
    if (byId.size() >= capacity) {
      byId.values().removeIf(s -> !s.expiresAt().isAfter(now));
      if (byId.size() >= capacity) {
        return Optional.empty();
      }
    }
    Session s = new Session(secret(), secret(), bearer, dev, now.plus(lifetime));
    byId.put(s.id(), s);
    return Optional.of(s);
  }

  Optional<Session> find(String id, Instant now) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.expiresAt().isAfter(now)) {
      byId.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** Compares anti-forgery tokens in constant time. */
  static boolean sameToken(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
