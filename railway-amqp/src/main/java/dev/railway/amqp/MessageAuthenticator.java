package dev.railway.amqp;

import com.rabbitmq.client.Delivery;
import dev.railway.definition.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Establishes who sent a command to a queue ToDo endpoint, before anything else looks at it.
 * Implementations must not trust anything the sender could forge without a secret or the broker's
 * own validation.
 */
@FunctionalInterface
public interface MessageAuthenticator {

  Authentication authenticate(Delivery message);

  /**
   * HMAC-SHA256 over the message body, as {@link MessageSigner} writes it: the {@value
   * AmqpHeaders#KEY_ID} header names the key, the {@value AmqpHeaders#SIGNATURE} header carries the
   * signature, and the key's principal is the sender.
   */
  static MessageAuthenticator hmacSha256(Map<String, HmacKey> keys) {
    return new HmacAuthenticator(keys);
  }

  /** {@link #hmacSha256(Map)} with a single key. */
  static MessageAuthenticator hmacSha256(String keyId, HmacKey key) {
    return new HmacAuthenticator(Map.of(keyId, key));
  }

  /**
   * The message's {@code user-id} property, which RabbitMQ validates against the user of the
   * publishing connection (a message claiming another user is refused by the broker). {@code
   * principals} maps a broker user to its principal; an empty result refuses the message.
   */
  static MessageAuthenticator brokerUserId(Function<String, Optional<Principal>> principals) {
    return new UserIdAuthenticator(principals);
  }
}
