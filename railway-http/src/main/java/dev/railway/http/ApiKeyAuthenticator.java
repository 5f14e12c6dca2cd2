package dev.railway.http;

import dev.railway.definition.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Static API keys in a header (default {@code X-Api-Key}). Only the keys' SHA-256 hashes are
 * configured, so a leaked configuration grants nothing; keys are random and long ({@link #newKey()}
 * makes one), so a fast hash is enough. Every configured hash is compared in constant time, and all
 * of them every time, so timing tells nothing about how close a guess was or which key matched.
 */
public final class ApiKeyAuthenticator implements Authenticator {
  private static final String PREFIX = "sha256:";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String header;
  private final List<Entry> entries;

  private record Entry(byte[] hash, Principal principal) {}

  private ApiKeyAuthenticator(String header, List<Entry> entries) {
    this.header = header;
    this.entries = List.copyOf(entries);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The form a key is configured in: {@code sha256:<hex>}. */
  public static String hash(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("an API key must not be empty");
    }
    return PREFIX + HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** A new random key (256 bits, URL-safe), to hand to a client once and configure by hash. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "rwk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
    byte[] presented = sha256(request.header(header).getBytes(StandardCharsets.UTF_8));
    Principal found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.hash(), presented) && found == null) {
        found = e.principal();
      }
    }
    return found == null
        ? Authentication.refused("unknown API key in " + header)
        : Authentication.of(found);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Validated configuration: at least one key, each hash well-formed and used once. */
  public static final class Builder {
    private String header = "X-Api-Key";
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /** The header that carries the key (default {@code X-Api-Key}). */
    public Builder header(String header) {
      if (header == null || header.isBlank()) {
        throw new IllegalArgumentException(
            "API key header must not be blank; was '" + header + "'");
      }
      this.header = header;
      return this;
    }

    /**
     * A key, by its hash ({@link ApiKeyAuthenticator#hash}), for {@code principal} with {@code
     * roles}.
     */
    public Builder key(String hash, String principal, String... roles) {
      if (hash == null || !hash.startsWith(PREFIX) || hash.length() != PREFIX.length() + 64) {
        throw new IllegalArgumentException(
            "API key for '"
                + principal
                + "' must be configured as its hash, sha256:<64 hex digits>; was '"
                + (hash == null ? null : hash.length() > 16 ? hash.substring(0, 16) + "…" : hash)
                + "'");
      }
      byte[] bytes;
      try {
        bytes = HexFormat.of().parseHex(hash.substring(PREFIX.length()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "API key hash for '" + principal + "' is not hexadecimal", e);
      }
      for (Entry e : entries) {
        if (MessageDigest.isEqual(e.hash(), bytes)) {
          throw new IllegalArgumentException(
              "the same API key is configured for '"
                  + e.principal().name()
                  + "' and '"
                  + principal
                  + "'");
        }
      }
      entries.add(new Entry(bytes, new Principal(principal, Set.of(roles))));
      return this;
    }

    public ApiKeyAuthenticator build() {
      if (entries.isEmpty()) {
        throw new IllegalStateException("API key authenticator has no keys configured");
      }
      return new ApiKeyAuthenticator(header, entries);
    }
  }
}
