package dev.railway.amqp;

import com.rabbitmq.client.Delivery;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** Checks the HMAC-SHA256 signature header of a message against the key its key-id names. */
final class HmacAuthenticator implements MessageAuthenticator {
  private final Map<String, HmacKey> keys;

  HmacAuthenticator(Map<String, HmacKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("an HMAC authenticator needs at least one key");
    }
    this.keys = Map.copyOf(keys);
  }

  @Override
  public Authentication authenticate(Delivery message) {
    Map<String, Object> headers = message.getProperties().getHeaders();
    String keyId = AmqpHeaders.text(headers, AmqpHeaders.KEY_ID);
    String signature = AmqpHeaders.text(headers, AmqpHeaders.SIGNATURE);
    if (keyId == null || signature == null) {
      return new Authentication.Refused(
          "unsigned: headers " + AmqpHeaders.KEY_ID + " and " + AmqpHeaders.SIGNATURE + " needed");
    }
    HmacKey key = keys.get(keyId);
    if (key == null) {
      return new Authentication.Refused("unknown signing key '" + keyId + "'");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature);
    } catch (IllegalArgumentException e) {
      return new Authentication.Refused("signature is not hex");
    }
    byte[] expected = MessageSigner.mac(key.secret(), message.getBody());
    // Constant-time comparison: the time taken must not tell a forger how many bytes were right.
    if (!MessageDigest.isEqual(expected, given)) {
      return new Authentication.Refused("wrong signature for key '" + keyId + "'");
    }
    return new Authentication.Authenticated(key.principal());
  }
}
