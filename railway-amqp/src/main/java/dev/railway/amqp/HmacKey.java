package dev.railway.amqp;

import dev.railway.definition.Principal;
import java.util.Objects;

/**
 * A shared secret for HMAC-signed messages and the principal whose messages it signs.
 *
 * @param secret at least 32 bytes (the HMAC-SHA256 block size recommendation)
 */
public record HmacKey(byte[] secret, Principal principal) {
  public HmacKey {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(principal, "principal");
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "an HMAC secret needs at least 32 bytes; was " + secret.length);
    }
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HmacKey k
        && java.util.Arrays.equals(secret, k.secret)
        && principal.equals(k.principal);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(secret) + principal.hashCode();
  }

  @Override
  public String toString() {
    return "HmacKey[principal=" + principal + ", secret=(hidden)]";
  }
}
