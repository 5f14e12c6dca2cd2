package dev.railway.http;

import dev.railway.definition.Principal;
import java.util.Objects;

/** What an {@link Authenticator} concluded about a request. */
public sealed interface Authentication {

  /** The request proves who sent it. */
  record Authenticated(Principal principal) implements Authentication {
    public Authenticated {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /**
   * The request carries credentials of this kind, and they do not hold; {@code reason} says why.
   */
  record Refused(String reason) implements Authentication {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The request carries no credentials of this kind: another authenticator may know it. */
  record NoCredentials() implements Authentication {}

  static Authentication of(Principal principal) {
    return new Authenticated(principal);
  }

  static Authentication refused(String reason) {
    return new Refused(reason);
  }

  static Authentication none() {
    return new NoCredentials();
  }
}
