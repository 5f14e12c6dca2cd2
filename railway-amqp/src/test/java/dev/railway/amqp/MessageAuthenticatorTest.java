package dev.railway.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import dev.railway.definition.Principal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageAuthenticatorTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final Principal PSP = Principal.of("psp", "payment-provider");
  private final MessageAuthenticator hmac =
      MessageAuthenticator.hmacSha256("psp", new HmacKey(SECRET, PSP));
  private final byte[] body = "{\"reference\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);

  private static Delivery message(byte[] body, Map<String, Object> headers, String userId) {
    return new Delivery(
        new Envelope(1, false, "", "q"),
        new AMQP.BasicProperties.Builder().headers(headers).userId(userId).build(),
        body);
  }

  @Test
  void aBodySignedWithTheKeyIsAuthenticatedAsItsPrincipal() {
    Map<String, Object> headers = new MessageSigner("psp", SECRET).headers(body);
    assertThat(hmac.authenticate(message(body, headers, null)))
        .isEqualTo(new Authentication.Authenticated(PSP));
  }

  @Test
  void unsignedWronglySignedTamperedAndUnknownKeysAreRefusedWithTheReason() {
    Map<String, Object> signed = new MessageSigner("psp", SECRET).headers(body);
    byte[] tampered = "{\"reference\":\"r-2\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, Object> otherKey =
        new MessageSigner("psp", "ffffffffffffffffffffffffffffffff".getBytes()).headers(body);
    Map<String, Object> unknownKey = new MessageSigner("someone", SECRET).headers(body);
    Map<String, Object> notHex = new HashMap<>(signed);
    notHex.put(AmqpHeaders.SIGNATURE, "zz");

    assertThat(refusal(message(body, null, null))).contains("unsigned");
    assertThat(refusal(message(tampered, signed, null))).contains("wrong signature");
    assertThat(refusal(message(body, otherKey, null))).contains("wrong signature");
    assertThat(refusal(message(body, unknownKey, null))).contains("unknown signing key 'someone'");
    assertThat(refusal(message(body, notHex, null))).contains("not hex");
  }

  @Test
  void theBrokerValidatedUserIdNamesThePrincipal() {
    MessageAuthenticator byUser =
        MessageAuthenticator.brokerUserId(
            user -> user.equals("psp-user") ? Optional.of(PSP) : Optional.empty());
    assertThat(byUser.authenticate(message(body, null, "psp-user")))
        .isEqualTo(new Authentication.Authenticated(PSP));
    assertThat(refusal(byUser, message(body, null, null))).contains("no user-id");
    assertThat(refusal(byUser, message(body, null, "guest"))).contains("'guest' is not known");
  }

  @Test
  void aShortSecretIsRefusedShowingItsLength() {
    assertThatThrownBy(() -> new HmacKey("short".getBytes(), PSP))
        .hasMessageContaining("at least 32 bytes; was 5");
    assertThat(new HmacKey(SECRET, PSP).toString()).doesNotContain("0123");
  }

  private String refusal(Delivery message) {
    return refusal(hmac, message);
  }

  private static String refusal(MessageAuthenticator authenticator, Delivery message) {
    Authentication a = authenticator.authenticate(message);
    assertThat(a).isInstanceOf(Authentication.Refused.class);
    return ((Authentication.Refused) a).reason();
  }
}
