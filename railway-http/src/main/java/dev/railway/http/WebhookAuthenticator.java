package dev.railway.http;

import dev.railway.definition.Principal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed webhooks, in the style payment providers use: header {@code Railway-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256>} where the HMAC, under the sender's shared secret, covers {@code
 * <t>.<raw body>}. A delivery is accepted when a signature matches (compared in constant time), its
 * timestamp is within the tolerance window (default 5 minutes either way), and the same delivery
 * was not accepted before within that window (replay protection, per process).
 */
public final class WebhookAuthenticator implements Authenticator {
  private final String header;
  private final Duration tolerance;
  private final Clock clock;
  private final List<Sender> senders;
  private final ReplayGuard replays;

  private record Sender(byte[] secret, Principal principal) {}

  private WebhookAuthenticator(Builder b) {
    this.header = b.header;
    this.tolerance = b.tolerance;
    this.clock = b.clock;
    this.senders = List.copyOf(b.senders);
    this.replays = new ReplayGuard(b.replayCapacity);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The header value a sender writes for {@code body} at {@code timestamp} (what a provider does;
   * also for tests and local tools).
   */
  public static String signature(String secret, Instant timestamp, byte[] body) {
    long t = timestamp.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(bytes(secret), t, body));
  }

  @Override
  public Authentication authenticate(InboundRequest request) {
    int count = request.headerCount(header);
    if (count == 0) {
      return Authentication.none();
    }
    if (count > 1) {
      return Authentication.refused("more than one " + header + " header");
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : request.header(header).split(",")) {
      String p = part.trim();
      if (p.startsWith("t=")) {
        try {
          timestamp = Long.parseLong(p.substring(2));
        } catch (NumberFormatException e) {
          return Authentication.refused(header + " has a malformed timestamp");
        }
      } else if (p.startsWith("v1=")) {
        try {
          signatures.add(HexFormat.of().parseHex(p.substring(3)));
        } catch (IllegalArgumentException e) {
          return Authentication.refused(header + " has a malformed v1 signature");
        }
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      return Authentication.refused(header + " needs t=<unix seconds> and v1=<hex HMAC-SHA256>");
    }
    Instant now = clock.instant();
    Instant signedAt;
    try {
      signedAt = Instant.ofEpochSecond(timestamp);
    } catch (java.time.DateTimeException e) {
      return Authentication.refused(header + " timestamp is out of range");
    }
    if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
      return Authentication.refused(
          "webhook signed at " + signedAt + " is outside the tolerance of " + tolerance);
    }
    Principal matched = null;
    byte[] matchedSignature = null;
    for (Sender s : senders) {
      byte[] expected = hmac(s.secret(), timestamp, request.body());
      for (byte[] given : signatures) {
        if (MessageDigest.isEqual(expected, given) && matched == null) {
          matched = s.principal();
          matchedSignature = given;
        }
      }
    }
    if (matched == null) {
      return Authentication.refused("webhook signature does not match");
    }
    String delivery = matched.name() + ":" + HexFormat.of().formatHex(matchedSignature);
    // Kept for twice the tolerance: a timestamp may be up to one tolerance in the future.
    return switch (replays.firstTime(delivery, now, tolerance.multipliedBy(2))) {
      case FIRST -> Authentication.of(matched);
      case REPLAYED -> Authentication.refused("webhook delivery was already received (replay)");
      case FULL ->
          Authentication.refused(
              "too many webhook deliveries within the tolerance window; retry later");
    };
  }

  private static byte[] hmac(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static byte[] bytes(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Validated configuration: at least one sender, each with a secret of 16 bytes or more. */
  public static final class Builder {
    private String header = "Railway-Signature";
    private Duration tolerance = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private int replayCapacity = 100_000;
    private final List<Sender> senders = new ArrayList<>();

    private Builder() {}

    /**
     * A sender and its shared secret; its deliveries act as {@code principal} with {@code roles}.
     */
    public Builder sender(String principal, String secret, String... roles) {
      if (secret == null || bytes(secret).length < 16) {
        throw new IllegalArgumentException(
            "webhook secret for '"
                + principal
                + "' must be at least 16 bytes; was "
                + (secret == null ? "null" : bytes(secret).length + " bytes"));
      }
      senders.add(new Sender(bytes(secret), new Principal(principal, Set.of(roles))));
      return this;
    }

    /** The header that carries the signature (default {@code Railway-Signature}). */
    public Builder header(String header) {
      if (header == null || header.isBlank()) {
        throw new IllegalArgumentException(
            "signature header must not be blank; was '" + header + "'");
      }
      this.header = header;
      return this;
    }

    /** How far a signature's timestamp may be from now (default 5 minutes, 1 s to 1 h). */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance");
      if (tolerance.compareTo(Duration.ofSeconds(1)) < 0
          || tolerance.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "tolerance must be between PT1S and PT1H; was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /** How many deliveries are remembered for replay protection (default 100,000). */
    public Builder replayCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("replay capacity must be at least 1; was " + capacity);
      }
      this.replayCapacity = capacity;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public WebhookAuthenticator build() {
      if (senders.isEmpty()) {
        throw new IllegalStateException("webhook authenticator has no senders configured");
      }
      return new WebhookAuthenticator(this);
    }
  }
}
