package dev.railway.http;

import java.util.List;

/**
 * Says who sent a request: {@link Authentication.Authenticated} with a principal, {@link
 * Authentication.Refused} when the credentials do not hold, or {@link Authentication.NoCredentials}
 * when the request has none of this kind. Built-ins: {@link JwtAuthenticator}, {@link
 * ApiKeyAuthenticator}, {@link WebhookAuthenticator}; combine them with {@link #anyOf}.
 *
 * <p>Called concurrently from many request threads; must not block on I/O per request other than a
 * bounded key fetch.
 */
@FunctionalInterface
public interface Authenticator {
  Authentication authenticate(InboundRequest request);

  /**
   * The first authenticator that finds credentials of its kind decides; a request with none of any
   * kind is refused.
   */
  static Authenticator anyOf(Authenticator... authenticators) {
    List<Authenticator> all = List.of(authenticators);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("anyOf needs at least one authenticator");
    }
    return request -> {
      for (Authenticator a : all) {
        Authentication result = a.authenticate(request);
        if (!(result instanceof Authentication.NoCredentials)) {
          return result;
        }
      }
      return Authentication.none();
    };
  }
}
