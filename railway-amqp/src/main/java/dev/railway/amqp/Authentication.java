package dev.railway.amqp;

import dev.railway.definition.Principal;
import java.util.Objects;

/** What a {@link MessageAuthenticator} concluded about one message. */
public sealed interface Authentication {

  /** The message was sent by {@code principal}. */
  record Authenticated(Principal principal) implements Authentication {
    public Authenticated {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /** The sender could not be established; {@code reason} says why, for the dead-letter header. */
  record Refused(String reason) implements Authentication {
    public Refused {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a refusal needs a reason; was '" + reason + "'");
      }
    }
  }
}
