package dev.railway.amqp;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs message bodies for {@link MessageAuthenticator#hmacSha256}: the sender adds {@link
 * #headers(byte[])} to the message it publishes.
 */
public final class MessageSigner {
  static final String ALGORITHM = "HmacSHA256";

  private final String keyId;
  private final byte[] secret;

  public MessageSigner(String keyId, byte[] secret) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("key id must not be blank; was '" + keyId + "'");
    }
    Objects.requireNonNull(secret, "secret");
    this.keyId = keyId;
    this.secret = secret.clone();
  }

  /** The headers that sign {@code body}: the key id and the hex HMAC-SHA256 of the body. */
  public Map<String, Object> headers(byte[] body) {
    return Map.of(AmqpHeaders.KEY_ID, keyId, AmqpHeaders.SIGNATURE, signature(secret, body));
  }

  static String signature(byte[] secret, byte[] body) {
    return HexFormat.of().formatHex(mac(secret, body));
  }

  static byte[] mac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }
}
