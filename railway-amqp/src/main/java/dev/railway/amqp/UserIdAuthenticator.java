package dev.railway.amqp;

import com.rabbitmq.client.Delivery;
import dev.railway.definition.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Trusts the {@code user-id} property, which the broker has already checked against the publishing
 * connection's user.
 */
final class UserIdAuthenticator implements MessageAuthenticator {
  private final Function<String, Optional<Principal>> principals;

  UserIdAuthenticator(Function<String, Optional<Principal>> principals) {
    this.principals = Objects.requireNonNull(principals, "principals");
  }

  @Override
  public Authentication authenticate(Delivery message) {
    String user = message.getProperties().getUserId();
    if (user == null || user.isBlank()) {
      return new Authentication.Refused("no user-id property");
    }
    return principals
        .apply(user)
        .<Authentication>map(Authentication.Authenticated::new)
        .orElseGet(() -> new Authentication.Refused("broker user '" + user + "' is not known"));
  }
}
